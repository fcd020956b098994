package io.dbmesh.it.telemetry;

import io.dbmesh.it.MariaDbInstance;
import io.dbmesh.it.MariaDbServers;
import io.dbmesh.it.SidecarFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The transaction coordinator's counters reach /metrics: a two-phase commit, a one-phase commit, a
 * rollback and a local multi-shard commit are counted by path and outcome.
 */
class XaTransactionMetricsTest {
    static final String DB0 = "xa_metrics_ds0_" + ProcessHandle.current().pid(), DB1 = "xa_metrics_ds1_" + ProcessHandle.current().pid();
    static MariaDbInstance db;
    static SidecarFixture sidecar;

    @BeforeAll
    static void start() {
        db = MariaDbServers.shared();
        db.execute("DROP DATABASE IF EXISTS " + DB0, "DROP DATABASE IF EXISTS " + DB1);
        sidecar = SidecarFixture.fromYaml("""
                listener: { port: 0 }
                admin: { host: 127.0.0.1, port: 0 }
                telemetry: { metrics: true }
                users: [ { name: root, password: "" } ]
                data_sources:
                  ds_0: { url: "%s", user: %s, password: "%s" }
                  ds_1: { url: "%s", user: %s, password: "%s" }
                databases:
                  bank:
                    sharding:
                      default_data_source: ds_0
                      tables:
                        account: { key: id, nodes: "ds_[0..1].account", algorithm: mod }
                      schema:
                        - CREATE TABLE IF NOT EXISTS account (id BIGINT PRIMARY KEY, balance BIGINT NOT NULL)
                    transactions: { mode: xa }
                """.formatted(db.jdbcUrl(DB0), db.user(), db.password(), db.jdbcUrl(DB1), db.user(), db.password()), Map.of());
    }

    @AfterAll
    static void stop() {
        if (sidecar != null) sidecar.close();
        if (db != null) db.execute("DROP DATABASE IF EXISTS " + DB0, "DROP DATABASE IF EXISTS " + DB1);
    }

    @Test
    void commitsAreCountedByPathAndRollbacksByOutcome() throws Exception {
        try (Connection c = sidecar.connect("bank"); Statement s = c.createStatement()) {
            s.execute("INSERT INTO account (id, balance) VALUES (1, 10), (2, 10)"); // implicit: two-phase
            PrometheusText before = scrape();
            s.execute("BEGIN");
            s.execute("UPDATE account SET balance = balance - 1 WHERE id = 1");
            s.execute("UPDATE account SET balance = balance + 1 WHERE id = 2");
            s.execute("COMMIT"); // two-phase
            s.execute("BEGIN");
            s.execute("UPDATE account SET balance = balance - 1 WHERE id = 1");
            s.execute("COMMIT"); // one branch: one-phase
            s.execute("BEGIN");
            s.execute("UPDATE account SET balance = 0 WHERE id = 2");
            s.execute("ROLLBACK");
            s.execute("SET @dbmesh_transaction_mode = 'local'");
            s.execute("BEGIN");
            s.execute("UPDATE account SET balance = balance + 1 WHERE id = 1");
            s.execute("UPDATE account SET balance = balance - 1 WHERE id = 2");
            s.execute("COMMIT"); // local, two data sources
            PrometheusText after = scrape();
            String name = "dbmesh_transactions_total";
            assertThat(delta(before, after, name, "mode", "two_phase", "outcome", "commit")).isEqualTo(1);
            assertThat(delta(before, after, name, "mode", "one_phase", "outcome", "commit")).isEqualTo(1);
            assertThat(delta(before, after, name, "mode", "local", "outcome", "commit")).isEqualTo(1);
            assertThat(delta(before, after, name, "mode", "any", "outcome", "rollback")).isEqualTo(1);
        }
    }

    private static PrometheusText scrape() throws Exception {
        Http.Response r = Http.get(sidecar.adminUrl() + "/metrics");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return PrometheusText.parse(r.body());
    }

    private static double delta(PrometheusText before, PrometheusText after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }
}
