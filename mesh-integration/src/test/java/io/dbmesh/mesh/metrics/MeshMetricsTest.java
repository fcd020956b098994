package io.dbmesh.mesh.metrics;

import io.dbmesh.mesh.telemetry.Outcome;
import io.dbmesh.mesh.telemetry.RefusalReason;
import io.dbmesh.mesh.telemetry.RouteKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Names and labels as Prometheus sees them, and that labels stay bounded. */
class MeshMetricsTest {
    enum Kind { SELECT, DML }

    @Test
    void statementCounterAndHistogramNamesAndLabels() {
        try (MeshMetrics m = new MeshMetrics()) {
            DatabaseMeters db = m.database("shop");
            db.statement(Kind.SELECT, RouteKind.SCATTER, Outcome.OK, 2_000_000);
            db.statement(Kind.SELECT, RouteKind.SCATTER, Outcome.OK, 20_000_000);
            db.statement(Kind.DML, RouteKind.SINGLE_SHARD, Outcome.of(1062, "23000"), 50_000);
            String text = m.scrape(null).body();
            assertThat(text).contains("# TYPE dbmesh_statements_total counter")
                    .contains("dbmesh_statements_total{database=\"shop\",kind=\"select\",outcome=\"ok\",route=\"scatter\"} 2.0")
                    .contains("dbmesh_statements_total{database=\"shop\",kind=\"dml\",outcome=\"constraint\",route=\"single_shard\"} 1.0")
                    .contains("# TYPE dbmesh_statement_duration_seconds histogram")
                    .contains("dbmesh_statement_duration_seconds_bucket{database=\"shop\",route=\"scatter\",le=\"0.0025\"} 1")
                    .contains("dbmesh_statement_duration_seconds_bucket{database=\"shop\",route=\"scatter\",le=\"0.025\"} 2")
                    .contains("dbmesh_statement_duration_seconds_bucket{database=\"shop\",route=\"single_shard\",le=\"1.0E-4\"} 1")
                    .contains("dbmesh_statement_duration_seconds_count{database=\"shop\",route=\"scatter\"} 2");
        }
    }

    @Test
    void sessionsLoginsBytesAndHealth() {
        try (MeshMetrics m = new MeshMetrics()) {
            m.sessionOpened();
            m.sessionOpened();
            m.sessionClosed();
            m.refused(RefusalReason.MAX_CONNECTIONS);
            m.login(false);
            m.clientBytes(100, 2500);
            m.probed("ds0", "ds0.replica1", true, 3, 1_000_000);
            String text = m.scrape(null).body();
            assertThat(text).contains("dbmesh_sessions_open 1.0").contains("dbmesh_sessions_opened_total 2.0")
                    .contains("dbmesh_sessions_refused_total{reason=\"max_connections\"} 1.0")
                    .contains("dbmesh_logins_total{result=\"failed\"} 1.0")
                    .contains("dbmesh_client_received_bytes_total 100.0").contains("dbmesh_client_sent_bytes_total 2500.0")
                    .contains("dbmesh_backend_up{data_source=\"ds0\",member=\"ds0.replica1\"} 1.0")
                    .contains("dbmesh_backend_replication_lag_seconds{data_source=\"ds0\",member=\"ds0.replica1\"} 3.0");
        }
    }

    @Test
    void transactions() {
        try (MeshMetrics m = new MeshMetrics()) {
            m.transactionEnded("two_phase", "commit", 3_000_000);
            m.transactionEnded("any", "rollback", -1);
            m.transactionRecovered(true);
            m.transactionsInDoubt(2);
            String text = m.scrape(null).body();
            assertThat(text).contains("dbmesh_transactions_total{mode=\"two_phase\",outcome=\"commit\"} 1.0")
                    .contains("dbmesh_transactions_total{mode=\"any\",outcome=\"rollback\"} 1.0")
                    .contains("dbmesh_transaction_duration_seconds_count{mode=\"two_phase\"} 1")
                    .doesNotContain("dbmesh_transaction_duration_seconds_count{mode=\"any\"}")
                    .contains("dbmesh_transactions_recovered_total{outcome=\"commit\"} 1.0")
                    .contains("dbmesh_transactions_in_doubt 2.0");
        }
    }

    @Test
    void databaseLabelsAreCapped() {
        try (MeshMetrics m = new MeshMetrics()) {
            for (int i = 0; i < MeshMetrics.MAX_NAMES + 50; i++) m.database("db" + i).statement(Kind.SELECT, RouteKind.LOCAL, Outcome.OK, 1);
            String text = m.scrape(null).body();
            assertThat(text.lines().filter(l -> l.startsWith("dbmesh_statements_total{")).count()).isEqualTo(MeshMetrics.MAX_NAMES + 1);
            assertThat(text).contains("database=\"_other\"");
        }
    }

    @Test
    void outcomesAreSqlStateClasses() {
        assertThat(Outcome.of(0, null)).isEqualTo(Outcome.OK);
        assertThat(Outcome.of(1146, "42S02")).isEqualTo(Outcome.SYNTAX_OR_ACCESS);
        assertThat(Outcome.of(1213, "40001")).isEqualTo(Outcome.ROLLBACK);
        assertThat(Outcome.of(2013, "08S01")).isEqualTo(Outcome.CONNECTION);
        assertThat(Outcome.of(1105, "HY000")).isEqualTo(Outcome.GENERAL);
        assertThat(Outcome.of(1, "ZZ123")).isEqualTo(Outcome.OTHER);
        assertThat(Outcome.of(1, null)).isEqualTo(Outcome.OTHER);
    }
}
