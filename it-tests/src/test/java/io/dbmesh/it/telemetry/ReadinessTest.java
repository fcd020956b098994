package io.dbmesh.it.telemetry;

import io.dbmesh.it.MariaDbInstance;
import io.dbmesh.it.MariaDbServers;
import io.dbmesh.it.SidecarFixture;
import io.dbmesh.it.replication.ReplicationCluster;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code /ready} follows the primaries: 200 while every data source's primary answers, 503 with a
 * JSON reason naming the data source once one is killed (SIGKILL of an extra mariadbd), 200 again
 * when it is back.
 */
class ReadinessTest {

    @Test
    void readyFlipsWhenAPrimaryDiesAndComesBack() throws Exception {
        assumeTrue(ReplicationCluster.available(), "mariadbd not installed");
        MariaDbInstance shared = MariaDbServers.shared();
        shared.recreateDatabase("telemetry_ready_main");
        try (MariaDbServers.Started extra = MariaDbServers.startInstance("telemetry-ready", List.of())) {
            MariaDbInstance other = extra.instance();
            String yaml = """
                    listener: { port: 0 }
                    admin: { port: 0 }
                    users: [ { name: root, password: "" } ]
                    data_sources:
                      ds_main: { url: "%s", user: %s, password: "%s" }
                      ds_extra: { url: "%s", user: %s, password: "%s", pool: { min_idle: 0, connection_timeout: 1s } }
                    databases:
                      main: { data_source: ds_main }
                      extra: { data_source: ds_extra }
                    """.formatted(shared.jdbcUrl("telemetry_ready_main"), shared.user(), shared.password(),
                    other.jdbcUrl("telemetry_ready_extra"), other.user(), other.password());
            try (SidecarFixture sidecar = SidecarFixture.fromYaml(yaml, Map.of())) {
                String ready = sidecar.adminUrl() + "/ready";
                await(ready, r -> r.status() == 200, "ready with both primaries up");

                extra.server().kill();
                Http.Response down = await(ready, r -> r.status() == 503, "503 after the kill");
                assertThat(down.contentType()).startsWith("application/json");
                assertThat(down.body()).contains("\"status\":\"not ready\"").contains("ds_extra").doesNotContain("ds_main");
                // liveness is not readiness: the process is alive
                assertThat(Http.get(sidecar.adminUrl() + "/healthz").status()).isEqualTo(200);

                extra.server().start();
                await(ready, r -> r.status() == 200, "ready again after the restart");
            }
        } finally {
            shared.execute("DROP DATABASE IF EXISTS telemetry_ready_main");
        }
    }

    private static Http.Response await(String url, Predicate<Http.Response> condition, String what) throws Exception {
        return org.awaitility.Awaitility.await(what).atMost(java.time.Duration.ofSeconds(90)).pollInterval(java.time.Duration.ofMillis(200))
                .until(() -> Http.get(url), condition);
    }
}
