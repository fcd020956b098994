package io.dbmesh.mesh.log;

import io.dbmesh.mesh.telemetry.TelemetryConfig;
import io.dbmesh.mesh.telemetry.TelemetryConfig.AuditEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class StatementLogsTest {
    @TempDir
    Path dir;

    @Test
    void filesRotateBySize() throws Exception {
        Path file = dir.resolve("a.log");
        try (JsonLinesLog log = new JsonLinesLog(new TelemetryConfig.LogTarget(file, 1024, 2, false))) {
            for (int i = 0; i < 100; i++) log.write(Map.of("n", i, "pad", "x".repeat(40)));
        }
        assertThat(Files.size(file)).isLessThanOrEqualTo(1024);
        assertThat(Files.size(JsonLinesLog.numbered(file, 1))).isLessThanOrEqualTo(1024);
        assertThat(JsonLinesLog.numbered(file, 2)).exists();
        assertThat(JsonLinesLog.numbered(file, 3)).doesNotExist();
        assertThat(Files.readAllLines(file).getLast()).startsWith("{\"").contains("\"n\":99");
    }

    @Test
    void literalsOnlyWhenEnabledAndNeverPasswords() throws Exception {
        Path slow = dir.resolve("slow.log");
        Path audit = dir.resolve("audit.log");
        try (StatementLogs logs = new StatementLogs(
                new TelemetryConfig.SlowLog(true, Duration.ofMillis(10), new TelemetryConfig.LogTarget(slow, 1 << 20, 2, false)),
                new TelemetryConfig.AuditLog(true, Set.of(AuditEvent.WRITES), new TelemetryConfig.LogTarget(audit, 1 << 20, 2, true)))) {
            assertThat(logs.wants("SELECT", 1_000_000, 0)).isFalse();
            assertThat(logs.wants("DML", 1_000, 0)).isTrue();
            logs.statement(new StatementLogs.Statement("db", "u", "10.0.0.1", "DML", "passthrough",
                    "UPDATE t SET secret = 'abc' WHERE id = 1", "UPDATE t SET secret = ? WHERE id = ?", 20_000_000, 1, 1, 0, null, null));
            logs.statement(new StatementLogs.Statement("db", "u", "10.0.0.1", "DDL", "passthrough",
                    "CREATE USER x IDENTIFIED BY 'pw-123'", "CREATE USER x IDENTIFIED BY ?", 1_000, 1, 0, 0, null, null));
        }
        assertThat(Files.readString(slow)).contains("\"type\":\"slow\"").contains("\"duration_ms\":20.0")
                .doesNotContain("'abc'").contains("UPDATE t SET secret = ? WHERE id = ?");
        assertThat(Files.readString(audit)).contains("UPDATE t SET secret = 'abc' WHERE id = 1").doesNotContain("pw-123")
                .contains("CREATE USER x IDENTIFIED BY ?");
    }
}
