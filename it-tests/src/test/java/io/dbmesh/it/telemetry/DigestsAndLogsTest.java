package io.dbmesh.it.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbmesh.it.MariaDbInstance;
import io.dbmesh.it.MariaDbServers;
import io.dbmesh.it.SidecarFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SHOW DBMESH DIGESTS (counts, rows, errors, top-N ordering, reset) and the JSON-lines slow and
 * audit logs (a slow statement and a failed login with the right fields, and no secrets).
 */
class DigestsAndLogsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void digestsSlowLogAndAuditLog() throws Exception {
        MariaDbInstance db = MariaDbServers.shared();
        db.recreateDatabase("telemetry_digests");
        Path slowLog = dir.resolve("slow.log");
        Path auditLog = dir.resolve("audit.log");
        String yaml = """
                listener: { port: 0 }
                telemetry:
                  digests: { max: 100 }
                  slow_log: { threshold: 250ms, file: "%s" }
                  audit_log: { events: [logins, ddl, refused], file: "%s", literals: true }
                users: [ { name: root, password: "", admin: true }, { name: app, password: "app-password" } ]
                data_sources:
                  ds0: { url: "%s", user: %s, password: "%s" }
                databases:
                  teldg: { data_source: ds0 }
                """.formatted(slowLog, auditLog, db.jdbcUrl("telemetry_digests"), db.user(), db.password());
        try (SidecarFixture sidecar = SidecarFixture.fromYaml(yaml, Map.of());
             Connection c = sidecar.connect("teldg"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
            s.executeUpdate("INSERT INTO t VALUES (1, 10), (2, 20), (3, 30)");
            for (int id = 1; id <= 5; id++) {
                try (ResultSet rs = s.executeQuery("SELECT v FROM t WHERE id = " + (id % 3 + 1))) {
                    assertThat(rs.next()).isTrue();
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT v FROM t WHERE id IN (1, 2)")) {
                rs.next();
            }
            try (ResultSet rs = s.executeQuery("SELECT v FROM t WHERE id IN (1, 2, 3)")) {
                rs.next();
            }
            assertThatThrownBy(() -> s.executeQuery("SELECT v FROM t WHERE nope = 1")).isInstanceOf(SQLException.class);
            try (ResultSet rs = s.executeQuery("SELECT SLEEP(0.4), 'literal-secret-value'")) {
                rs.next();
            }
            assertThatThrownBy(() -> DriverManager.getConnection(sidecar.mariadbUrl("teldg"), "app", "hunter2-wrong"))
                    .isInstanceOf(SQLException.class);

            List<Map<String, String>> top = rows(s, "SHOW DBMESH DIGESTS ORDER BY count DESC LIMIT 1");
            assertThat(top).hasSize(1);
            assertThat(top.get(0)).containsEntry("database", "teldg").containsEntry("user", "root")
                    .containsEntry("digest", "SELECT v FROM t WHERE id = ?").containsEntry("count", "5")
                    .containsEntry("rows", "5").containsEntry("errors", "0");
            Map<String, String> in = find(rows(s, "SHOW DBMESH DIGESTS"), "SELECT v FROM t WHERE id IN (...)");
            assertThat(in).containsEntry("count", "2").containsEntry("rows", "5");
            assertThat(find(rows(s, "show dbmesh digests order by errors desc"), "SELECT v FROM t WHERE nope = ?"))
                    .containsEntry("errors", "1").containsEntry("count", "1");
            List<Map<String, String>> bySlowest = rows(s, "SHOW DBMESH DIGESTS ORDER BY max_ms DESC");
            for (int i = 1; i < bySlowest.size(); i++) {
                assertThat(Double.parseDouble(bySlowest.get(i).get("max_ms"))).isLessThanOrEqualTo(Double.parseDouble(bySlowest.get(i - 1).get("max_ms")));
            }
            Map<String, String> slowest = find(bySlowest, "SELECT SLEEP(?), ?");
            assertThat(Double.parseDouble(slowest.get("max_ms"))).isGreaterThanOrEqualTo(400);
            assertThat(Double.parseDouble(slowest.get("p95_ms"))).isGreaterThanOrEqualTo(400).isLessThanOrEqualTo(Double.parseDouble(slowest.get("max_ms")));
            assertThat(rows(s, "SHOW DBMESH DIGESTS ORDER BY count LIMIT 2")).hasSize(2);
            assertThatThrownBy(() -> s.executeQuery("SHOW DBMESH DIGESTS ORDER BY password"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("Unknown column 'password' in 'order clause'")
                    .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(1054));

            try (Connection app = DriverManager.getConnection(sidecar.mariadbUrl("teldg"), "app", "app-password")) {
                assertThatThrownBy(() -> app.createStatement().execute("DBMESH RESET DIGESTS"))
                        .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(1227));
            }
            s.execute("DBMESH RESET DIGESTS");
            assertThat(rows(s, "SHOW DBMESH DIGESTS")).extracting(r -> r.get("digest"))
                    .doesNotContain("SELECT v FROM t WHERE id = ?").contains("DBMESH RESET DIGESTS");
        } finally {
            db.execute("DROP DATABASE IF EXISTS telemetry_digests");
        }

        String slowText = Files.readString(slowLog);
        assertThat(slowText).doesNotContain("literal-secret-value");
        JsonNode slow = lines(slowLog).stream().filter(l -> l.path("digest").asText().equals("SELECT SLEEP(?), ?")).findFirst().orElseThrow();
        assertThat(slow.path("type").asText()).isEqualTo("slow");
        assertThat(slow.path("duration_ms").asDouble()).isGreaterThanOrEqualTo(400);
        assertThat(slow.path("user").asText()).isEqualTo("root");
        assertThat(slow.path("client").asText()).isEqualTo("127.0.0.1");
        assertThat(slow.path("database").asText()).isEqualTo("teldg");
        assertThat(slow.path("route").asText()).isEqualTo("passthrough");
        assertThat(slow.path("rows").asLong()).isEqualTo(1);
        assertThat(slow.path("physical_statements").asInt()).isEqualTo(1);
        assertThat(slow.has("sql")).as("literals are off for the slow log").isFalse();
        assertThat(slow.has("ts")).isTrue();
        assertThat(lines(slowLog)).noneMatch(l -> l.path("digest").asText().startsWith("SELECT v FROM t WHERE id ="));

        String auditText = Files.readString(auditLog);
        assertThat(auditText).doesNotContain("hunter2").doesNotContain("app-password");
        List<JsonNode> audit = lines(auditLog);
        assertThat(audit).anySatisfy(l -> {
            assertThat(l.path("type").asText()).isEqualTo("login_failed");
            assertThat(l.path("user").asText()).isEqualTo("app");
            assertThat(l.path("client").asText()).isEqualTo("127.0.0.1");
        });
        assertThat(audit).anySatisfy(l -> {
            assertThat(l.path("type").asText()).isEqualTo("statement");
            assertThat(l.path("kind").asText()).isEqualTo("ddl");
            assertThat(l.path("sql").asText()).isEqualTo("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
        });
        assertThat(audit).anySatisfy(l -> assertThat(l.path("type").asText()).isEqualTo("login"));
        assertThat(audit).noneMatch(l -> l.path("kind").asText().equals("select")); // not audited: only logins, DDL, refused
    }

    private static List<JsonNode> lines(Path file) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) out.add(JSON.readTree(line));
        return out;
    }

    private static Map<String, String> find(List<Map<String, String>> rows, String digest) {
        return rows.stream().filter(r -> digest.equals(r.get("digest"))).findFirst()
                .orElseThrow(() -> new AssertionError("no digest " + digest + " in " + rows));
    }

    private static List<Map<String, String>> rows(Statement s, String sql) throws SQLException {
        List<Map<String, String>> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Map<String, String> row = new java.util.LinkedHashMap<>();
                for (int i = 1; i <= n; i++) row.put(rs.getMetaData().getColumnLabel(i), rs.getString(i));
                out.add(row);
            }
        }
        return out;
    }
}
