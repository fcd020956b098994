package io.dbmesh.proxy.config;

import io.dbmesh.mesh.telemetry.TelemetryConfig;
import io.dbmesh.mesh.telemetry.TelemetryConfig.AuditEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The admin: and telemetry: sections: defaults, every key, and errors with their line. */
class TelemetryConfigTest {
    private static final String BASE = """
            users: [ { name: root, password: "" } ]
            data_sources:
              ds0: { url: "jdbc:mariadb://127.0.0.1:3306/demo", user: root }
            databases:
              demo: { data_source: ds0 }
            """;

    @TempDir
    Path dir;

    private DbmeshConfig parse(String yaml) {
        return new ConfigLoader(new EnvSubstitution(name -> null)).parse(yaml, "test.yaml", dir);
    }

    @Test
    void offByDefault() {
        TelemetryConfig t = parse(BASE).telemetry();
        assertThat(t.anyEnabled()).isFalse();
        assertThat(t.admin().enabled()).isFalse();
    }

    @Test
    void anAdminSectionTurnsTheEndpointAndMetricsOn() {
        TelemetryConfig t = parse(BASE + "admin: { port: 9400, token: abc }\n").telemetry();
        assertThat(t.admin()).isEqualTo(new TelemetryConfig.Admin(true, "127.0.0.1", 9400, "abc"));
        assertThat(t.admin().toString()).doesNotContain("abc");
        assertThat(t.metrics()).isTrue();
        assertThat(parse(BASE + "admin: { enabled: false }\n").telemetry().anyEnabled()).isFalse();
    }

    @Test
    void bindsEveryTelemetryKey() {
        TelemetryConfig t = parse(BASE + """
                telemetry:
                  metrics: false
                  tracing: { endpoint: "http://collector:4318/v1/traces", sampling_ratio: 0.25, propagate: true, service_name: shop-db }
                  digests: { max: 50 }
                  slow_log: { threshold: 250ms, file: slow.log, max_size: 1MiB, max_files: 3, literals: true }
                  audit_log: { events: [writes, logins] }
                """).telemetry();
        assertThat(t.metrics()).isFalse();
        assertThat(t.tracing()).isEqualTo(new TelemetryConfig.Tracing(true, "http://collector:4318/v1/traces", 0.25, true, "shop-db"));
        assertThat(t.digests()).isEqualTo(new TelemetryConfig.Digests(true, 50));
        assertThat(t.slowLog().enabled()).isTrue();
        assertThat(t.slowLog().threshold()).isEqualTo(Duration.ofMillis(250));
        assertThat(t.slowLog().target()).isEqualTo(new TelemetryConfig.LogTarget(dir.resolve("slow.log"), 1 << 20, 3, true));
        assertThat(t.auditLog().events()).containsExactlyInAnyOrder(AuditEvent.WRITES, AuditEvent.LOGINS);
        assertThat(t.auditLog().target().file()).isNull(); // stdout
    }

    @Test
    void errorsNameTheLine() {
        assertError(BASE + "admin: { port: 99999 }\n", 6, "'admin.port' must be between 0 and 65535");
        assertError(BASE + "telemetry:\n  tracing: { sampling_ratio: 2 }\n", 7, "must be a number from 0 to 1");
        assertError(BASE + "telemetry:\n  tracing: { endpoint: \"collector:4318\" }\n", 7, "must be an OTLP/HTTP URL");
        assertError(BASE + "telemetry:\n  audit_log: { events: [everything] }\n", 7, "unknown event 'everything'");
        assertError(BASE + "telemetry:\n  metrix: true\n", 7, "unknown key 'metrix'");
        assertThatThrownBy(() -> parse(BASE + "admin: { port: abc, token: topsecret }\n")).hasMessageNotContaining("topsecret");
    }

    private void assertError(String yaml, int line, String problem) {
        assertThatThrownBy(() -> parse(yaml)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("test.yaml:" + line + ":").hasMessageContaining(problem);
    }
}
