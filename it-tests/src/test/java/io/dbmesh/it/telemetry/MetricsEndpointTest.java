package io.dbmesh.it.telemetry;

import io.dbmesh.it.MariaDbInstance;
import io.dbmesh.it.MariaDbServers;
import io.dbmesh.it.SidecarFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Load through the sidecar, then {@code GET /metrics}: the statement, backend, session and login
 * counters move by exactly what was run (deltas between two scrapes, so connect-time statements of
 * the driver do not matter), histogram counts agree with the counters, and the text passes a strict
 * parse of the exposition format. Also the other admin endpoints and the bearer token.
 */
class MetricsEndpointTest {
    private static final String TOKEN = "tel-s3cret-token";
    private static MariaDbInstance db;
    private static SidecarFixture sidecar;

    @BeforeAll
    static void start() {
        db = MariaDbServers.shared();
        db.recreateDatabase("telemetry_metrics_p");
        db.recreateDatabase("telemetry_metrics_s0");
        db.recreateDatabase("telemetry_metrics_s1");
        String yaml = """
                listener: { port: 0 }
                admin: { host: 127.0.0.1, port: 0, token: "%s" }
                telemetry: { metrics: true }
                users: [ { name: root, password: "" }, { name: app, password: "app-password" } ]
                data_sources:
                  ds_p: { url: "%s", user: %s, password: "%s" }
                  ds_s0: { url: "%s", user: %s, password: "%s" }
                  ds_s1: { url: "%s", user: %s, password: "%s" }
                databases:
                  tel: { data_source: ds_p }
                  telsh:
                    sharding:
                      default_data_source: ds_s0
                      tables:
                        t: { key: id, nodes: "ds_s[0..1].t", algorithm: mod }
                      schema:
                        - CREATE TABLE IF NOT EXISTS t (id BIGINT PRIMARY KEY, v INT)
                """.formatted(TOKEN,
                db.jdbcUrl("telemetry_metrics_p"), db.user(), db.password(),
                db.jdbcUrl("telemetry_metrics_s0"), db.user(), db.password(),
                db.jdbcUrl("telemetry_metrics_s1"), db.user(), db.password());
        sidecar = SidecarFixture.fromYaml(yaml, Map.of());
    }

    @AfterAll
    static void stop() {
        if (sidecar != null) sidecar.close();
        for (String d : new String[]{"telemetry_metrics_p", "telemetry_metrics_s0", "telemetry_metrics_s1"}) {
            db.execute("DROP DATABASE IF EXISTS " + d);
        }
    }

    private static PrometheusText scrape() throws Exception {
        Http.Response r = Http.get(sidecar.adminUrl() + "/metrics", "Authorization", "Bearer " + TOKEN);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/plain; version=0.0.4");
        return PrometheusText.parse(r.body());
    }

    @Test
    void statementsAreCountedExactlyByDatabaseKindRouteAndOutcome() throws Exception {
        try (Connection c = sidecar.connect("tel"); Statement s = c.createStatement();
             Connection sh = sidecar.connect("telsh"); Statement ss = sh.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS t (id INT PRIMARY KEY, v INT)");
            s.execute("DELETE FROM t");
            PrometheusText before = scrape();

            for (int i = 0; i < 3; i++) s.executeUpdate("INSERT INTO t VALUES (" + i + ", " + i + ")");
            for (int i = 0; i < 7; i++) {
                try (ResultSet rs = s.executeQuery("SELECT v FROM t WHERE id = " + (i % 3))) {
                    assertThat(rs.next()).isTrue();
                }
            }
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> s.executeQuery("SELECT * FROM telemetry_no_such_table")).isInstanceOf(SQLException.class);
            }
            assertThatThrownBy(() -> s.executeUpdate("INSERT INTO t VALUES (1, 1)")).isInstanceOf(SQLException.class);

            for (int i = 0; i < 4; i++) ss.executeUpdate("INSERT INTO t (id, v) VALUES (" + i + ", " + i + ")");
            for (int i = 0; i < 5; i++) {
                try (ResultSet rs = ss.executeQuery("SELECT v FROM t WHERE id = " + (i % 4))) {
                    assertThat(rs.next()).isTrue();
                }
            }
            for (int i = 0; i < 3; i++) {
                try (ResultSet rs = ss.executeQuery("SELECT COUNT(*) FROM t")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(4);
                }
            }
            PrometheusText after = scrape();

            String st = "dbmesh_statements_total";
            assertThat(delta(before, after, st, "database", "tel", "kind", "dml", "route", "passthrough", "outcome", "ok")).isEqualTo(3);
            assertThat(delta(before, after, st, "database", "tel", "kind", "select", "route", "passthrough", "outcome", "ok")).isEqualTo(7);
            assertThat(delta(before, after, st, "database", "tel", "kind", "select", "route", "passthrough", "outcome", "syntax_or_access")).isEqualTo(2);
            assertThat(delta(before, after, st, "database", "tel", "kind", "dml", "route", "passthrough", "outcome", "constraint")).isEqualTo(1);
            assertThat(delta(before, after, st, "database", "telsh", "kind", "dml", "route", "single_shard", "outcome", "ok")).isEqualTo(4);
            assertThat(delta(before, after, st, "database", "telsh", "kind", "select", "route", "single_shard", "outcome", "ok")).isEqualTo(5);
            assertThat(delta(before, after, st, "database", "telsh", "kind", "select", "route", "scatter", "outcome", "ok")).isEqualTo(3);
            // the planner's cache: the three identical scatter reads were analysed at most once
            assertThat(delta(before, after, "dbmesh_plan_cache_lookups_total", "database", "telsh", "result", "hit"))
                    .as("plan-cache hits").isGreaterThanOrEqualTo(2);
            assertThat(delta(before, after, "dbmesh_plan_cache_lookups_total", "database", "telsh", "result", "hit")
                    + delta(before, after, "dbmesh_plan_cache_lookups_total", "database", "telsh", "result", "miss"))
                    .as("plan-cache lookups").isGreaterThanOrEqualTo(9);

            // the latency histogram counts every statement of its database and route
            assertThat(delta(before, after, "dbmesh_statement_duration_seconds_count", "database", "tel", "route", "passthrough")).isEqualTo(13);
            assertThat(delta(before, after, "dbmesh_statement_duration_seconds_bucket", "database", "tel", "route", "passthrough", "le", "+Inf")).isEqualTo(13);
            assertThat(after.has("dbmesh_statement_duration_seconds_bucket", "database", "tel", "route", "passthrough", "le", "1.0E-4")
                    || after.has("dbmesh_statement_duration_seconds_bucket", "database", "tel", "route", "passthrough", "le", "0.0001"))
                    .as("0.1 ms bucket").isTrue();

            // physical statements: 3 + 7 + 2 + 1 on ds_p (3 failed); sharded 4 + 5 single-shard plus 3 scatters over 2 shards
            assertThat(delta(before, after, "dbmesh_backend_statements_total", "data_source", "ds_p", "outcome", "ok")).isEqualTo(10);
            assertThat(delta(before, after, "dbmesh_backend_statements_total", "data_source", "ds_p", "outcome", "error")).isEqualTo(3);
            double shards = delta(before, after, "dbmesh_backend_statements_total", "data_source", "ds_s0", "outcome", "ok")
                    + delta(before, after, "dbmesh_backend_statements_total", "data_source", "ds_s1", "outcome", "ok");
            assertThat(shards).isEqualTo(4 + 5 + 3 * 2);
            assertThat(delta(before, after, "dbmesh_backend_duration_seconds_count", "data_source", "ds_p")).isEqualTo(13);
            // one backend round trip per statement on ds_p (a pool's validation ping after a stall may add one)
            assertThat(delta(before, after, "dbmesh_backend_round_trips_total", "data_source", "ds_p")).isBetween(13.0, 16.0);

            // HikariCP's own meters, by pool
            assertThat(after.has("hikaricp_connections_active", "pool", "dbmesh-ds_p")).isTrue();
            assertThat(after.has("hikaricp_connections_idle", "pool", "dbmesh-ds_p")).isTrue();
            assertThat(after.has("hikaricp_connections_pending", "pool", "dbmesh-ds_p")).isTrue();
            assertThat(after.value("dbmesh_sessions_open")).isGreaterThanOrEqualTo(2);
            // bytes: at least each COM_QUERY (header, command byte, text) in, and every result out
            assertThat(delta(before, after, "dbmesh_client_received_bytes_total")).isGreaterThanOrEqualTo(25 * 5 + 3 * 40);
            assertThat(delta(before, after, "dbmesh_client_sent_bytes_total")).isGreaterThan(25 * 11);
        }
    }

    /**
     * The transaction coordinator's listener feeds dbmesh_transactions_total: in local mode a COMMIT
     * over two data sources goes through the local coordinator (a rollback, or a single data source,
     * stays a plain backend statement and is not a coordinator event).
     */
    @Test
    void transactionsAreCounted() throws Exception {
        try (Connection sh = sidecar.connect("telsh"); Statement s = sh.createStatement()) {
            try {
                PrometheusText before = scrape();
                s.execute("BEGIN");
                s.executeUpdate("INSERT INTO t (id, v) VALUES (100, 1)");
                s.executeUpdate("INSERT INTO t (id, v) VALUES (101, 1)");
                s.execute("COMMIT");
                PrometheusText after = scrape();
                assertThat(delta(before, after, "dbmesh_transactions_total", "mode", "local", "outcome", "commit")).as("local commits").isEqualTo(1);
                assertThat(delta(before, after, "dbmesh_transaction_duration_seconds_count", "mode", "local")).as("commit durations").isEqualTo(1);
            } finally {
                s.execute("DELETE FROM t WHERE id >= 100");
            }
        }
    }

    @Test
    void sessionsAndLoginsAreCounted() throws Exception {
        PrometheusText before = scrape();
        try (Connection c = DriverManager.getConnection(sidecar.mariadbUrl("tel"), "app", "app-password")) {
            assertThat(c.isValid(5)).isTrue();
        }
        assertThatThrownBy(() -> DriverManager.getConnection(sidecar.mariadbUrl("tel"), "app", "wrong")).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> DriverManager.getConnection(sidecar.mariadbUrl("nosuchdb"), "app", "app-password")).isInstanceOf(SQLException.class);
        PrometheusText after = scrape();
        assertThat(delta(before, after, "dbmesh_sessions_opened_total")).isEqualTo(1);
        assertThat(delta(before, after, "dbmesh_logins_total", "result", "ok")).isEqualTo(2);
        assertThat(delta(before, after, "dbmesh_logins_total", "result", "failed")).isEqualTo(1);
        assertThat(delta(before, after, "dbmesh_sessions_refused_total", "reason", "authentication")).isEqualTo(1);
        assertThat(delta(before, after, "dbmesh_sessions_refused_total", "reason", "database")).isEqualTo(1);
    }

    @Test
    void openMetricsWhenAsked() throws Exception {
        Http.Response r = Http.get(sidecar.adminUrl() + "/metrics", "Authorization", "Bearer " + TOKEN,
                "Accept", "application/openmetrics-text; version=1.0.0");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/openmetrics-text");
        assertThat(r.body()).contains("# TYPE dbmesh_statements counter").endsWith("# EOF\n");
    }

    @Test
    void healthReadyConfigAndToken() throws Exception {
        String base = sidecar.adminUrl();
        assertThat(Http.get(base + "/metrics").status()).isEqualTo(401);
        assertThat(Http.get(base + "/metrics", "Authorization", "Bearer wrong").status()).isEqualTo(401);
        Http.Response health = Http.get(base + "/healthz", "Authorization", "Bearer " + TOKEN);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).contains("alive");
        Http.Response ready = awaitReady(base);
        assertThat(ready.body()).contains("\"status\":\"ready\"");
        Http.Response config = Http.get(base + "/config", "Authorization", "Bearer " + TOKEN);
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.body()).contains("\"version\"").contains("\"telsh\"").contains("\"token\" : \"***\"")
                .contains("\"password\" : \"***\"").doesNotContain(TOKEN).doesNotContain("app-password");
        assertThat(Http.get(base + "/nothing", "Authorization", "Bearer " + TOKEN).status()).isEqualTo(404);
    }

    /** conf/grafana/dbmesh-dashboard.json queries only metrics a real scrape has. */
    @Test
    void everyMetricTheDashboardQueriesExists() throws Exception {
        try (Connection c = sidecar.connect("tel"); Statement s = c.createStatement()) {
            s.execute("SELECT 1"); // the database's meters exist after its first statement
        }
        String dashboard = java.nio.file.Files.readString(java.nio.file.Path.of("..", "conf", "grafana", "dbmesh-dashboard.json"));
        java.util.Set<String> names = new java.util.HashSet<>();
        for (String series : scrape().samples.keySet()) names.add(series.replaceAll("\\{.*", ""));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b(?:dbmesh|hikaricp|jvm|process)_[a-z_]+").matcher(dashboard);
        int checked = 0;
        while (m.find()) {
            if (m.group().equals("dbmesh_transactions_total")) continue; // appears with the first transaction the coordinator reports
            assertThat(names).as("dashboard metric " + m.group()).contains(m.group());
            checked++;
        }
        assertThat(checked).isGreaterThan(20);
    }

    static Http.Response awaitReady(String base) throws Exception {
        return await("ready").atMost(java.time.Duration.ofSeconds(60)).pollInterval(java.time.Duration.ofMillis(100))
                .until(() -> Http.get(base + "/ready", "Authorization", "Bearer " + TOKEN), r -> r.status() == 200);
    }

    private static double delta(PrometheusText before, PrometheusText after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }
}
