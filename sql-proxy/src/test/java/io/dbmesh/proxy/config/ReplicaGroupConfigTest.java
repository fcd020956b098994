package io.dbmesh.proxy.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** YAML binding of replica groups (data sources with replicas) and per-database read consistency. */
class ReplicaGroupConfigTest {
    @TempDir
    Path dir;

    private DbmeshConfig parse(String yaml) {
        return new ConfigLoader(new EnvSubstitution(Map.of("R2_URL", "jdbc:mariadb://r2:3306/app")::get))
                .parse(yaml, "test.yaml", dir);
    }

    private void assertError(String yaml, int line, String problem) {
        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("test.yaml:" + line + ":")
                .hasMessageContaining(problem);
    }

    @Test
    void bindsAGroupWithInheritedCredentialsAndEveryOption() {
        DbmeshConfig c = parse("""
                users: [{ name: root }]
                data_sources:
                  ds0:
                    url: jdbc:mariadb://primary:3306/app
                    user: app
                    password: pw
                    pool: { max_size: 4 }
                    replicas:
                      - jdbc:mariadb://r1:3306/app
                      - { url: "${R2_URL}", weight: 3, name: r2, user: reader, pool: { max_size: 9 } }
                    load_balancing: weighted
                    max_replication_lag: 3s
                    gtid_wait_timeout: 50ms
                    health_check: { interval: 500ms, timeout: 300ms, failure_threshold: 3, recovery_threshold: 2 }
                  plain: { url: "jdbc:mariadb://other/x", user: root }
                databases:
                  app: { data_source: ds0, consistency: strong }
                  other: { data_source: plain }
                """);
        ReplicaGroupConfig g = c.replicaGroup("ds0").orElseThrow();
        assertThat(g.name()).isEqualTo("ds0");
        assertThat(g.primary()).isEqualTo(c.dataSources().get("ds0"));
        assertThat(g.replicas()).hasSize(2);
        DataSourceConfig r1 = g.replicas().get(0).dataSource();
        assertThat(r1.name()).isEqualTo("ds0.replica1");
        assertThat(r1.url()).isEqualTo("jdbc:mariadb://r1:3306/app");
        assertThat(r1.user()).isEqualTo("app");
        assertThat(r1.password()).isEqualTo("pw");
        assertThat(r1.pool().maxSize()).isEqualTo(4);
        assertThat(g.replicas().get(0).weight()).isEqualTo(1);
        DataSourceConfig r2 = g.replicas().get(1).dataSource();
        assertThat(r2.name()).isEqualTo("r2");
        assertThat(r2.url()).isEqualTo("jdbc:mariadb://r2:3306/app");
        assertThat(r2.user()).isEqualTo("reader");
        assertThat(r2.password()).isEqualTo("pw");
        assertThat(r2.pool().maxSize()).isEqualTo(9);
        assertThat(g.replicas().get(1).weight()).isEqualTo(3);
        assertThat(g.loadBalancing()).isEqualTo(LoadBalancing.WEIGHTED);
        assertThat(g.maxReplicationLag()).isEqualTo(Duration.ofSeconds(3));
        assertThat(g.gtidWaitTimeout()).isEqualTo(Duration.ofMillis(50));
        assertThat(g.healthCheck()).isEqualTo(new HealthCheckConfig(Duration.ofMillis(500), Duration.ofMillis(300), 3, 2));
        assertThat(c.replicaGroup("plain")).isEmpty();
        assertThat(c.dataSources()).containsOnlyKeys("ds0", "plain");
        assertThat(c.databases().get("app").consistency()).isEqualTo(ReadConsistency.STRONG);
        assertThat(c.databases().get("other").consistency()).isEqualTo(ReadConsistency.SESSION);
    }

    @Test
    void defaults() {
        ReplicaGroupConfig g = parse("""
                users: [{ name: root }]
                data_sources: { ds0: { url: "jdbc:mariadb://p/app", user: root, replicas: ["jdbc:mariadb://r/app"] } }
                databases: { app: { data_source: ds0 } }
                """).replicaGroup("ds0").orElseThrow();
        assertThat(g.loadBalancing()).isEqualTo(LoadBalancing.ROUND_ROBIN);
        assertThat(g.maxReplicationLag()).isEqualTo(ReplicaGroupConfig.DEFAULT_MAX_REPLICATION_LAG);
        assertThat(g.gtidWaitTimeout()).isEqualTo(ReplicaGroupConfig.DEFAULT_GTID_WAIT_TIMEOUT);
        assertThat(g.healthCheck()).isEqualTo(HealthCheckConfig.DEFAULT);
    }

    @Test
    void groupOptionsWithoutReplicasAreRefused() {
        assertError("""
                users: [{ name: root }]
                data_sources:
                  ds0:
                    url: "jdbc:mariadb://p/app"
                    user: root
                    max_replication_lag: 2s
                databases: { app: { data_source: ds0 } }
                """, 6, "only applies to a replica group");
    }

    @Test
    void badValuesNameTheirLine() {
        String head = """
                users: [{ name: root }]
                data_sources:
                  ds0:
                    url: "jdbc:mariadb://p/app"
                    user: root
                """;
        String tail = "databases: { app: { data_source: ds0 } }\n";
        assertError(head + "    replicas: [\"jdbc:mariadb://r/app\"]\n    load_balancing: fastest\n" + tail, 7,
                "unknown load_balancing 'fastest'");
        assertError(head + "    replicas: [\"jdbc:oracle:thin:@x\"]\n" + tail, 6, "not a usable JDBC URL");
        assertError(head + "    replicas: [{ url: \"jdbc:mariadb://r/app\", wieght: 2 }]\n" + tail, 6, "unknown key 'wieght'");
        assertError(head + "    replicas: [\"jdbc:mariadb://r/app\"]\n    health_check: { interval: 0s }\n" + tail, 7,
                "must be more than 0");
        assertError(head + "    replicas: [\"jdbc:mariadb://r/app\"]\n    max_replication_lag: 1500ms\n" + tail, 7,
                "whole seconds");
        assertError(head + "    replicas: jdbc:mariadb://r/app\n" + tail, 6, "must be a list");
        assertError(head + "    replicas: [\"jdbc:mariadb://r/app\"]\n" + "databases: { app: { data_source: ds0, consistency: causal } }\n",
                7, "unknown consistency 'causal'");
    }

    @Test
    void replicaNamesMayNotCollide() {
        assertError("""
                users: [{ name: root }]
                data_sources:
                  ds0: { url: "jdbc:mariadb://p/app", user: root, replicas: [{ url: "jdbc:mariadb://r/app", name: ds1 }] }
                  ds1: { url: "jdbc:mariadb://q/app", user: root }
                databases: { app: { data_source: ds0 } }
                """, 3, "same name as a data source");
    }
}
