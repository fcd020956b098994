package io.dbmesh.it.xa;

import io.dbmesh.it.MariaDbInstance;
import io.dbmesh.it.MariaDbServers;
import io.dbmesh.it.SidecarFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Local mode (the default) is not atomic across shards; when a multi-shard COMMIT fails after some
 * shards committed, the client gets its own error (1180) naming which data sources committed and
 * which did not, instead of a bare "lost connection".
 */
class LocalModeCommitTest {
    static final String DB0 = "xa_local_ds0_" + ProcessHandle.current().pid(), DB1 = "xa_local_ds1_" + ProcessHandle.current().pid();
    static MariaDbInstance mariadb;
    static SidecarFixture sidecar;

    @BeforeAll
    static void start() {
        mariadb = MariaDbServers.shared();
        sidecar = BankConfig.start(mariadb, DB0, DB1, "{mode: local}");
    }

    @AfterAll
    static void stop() {
        BankConfig.stop(sidecar, mariadb, DB0, DB1);
    }

    @Test
    void aCommitThatFailsHalfWayNamesWhatCommittedAndWhatDidNot() throws Exception {
        try (Connection c = sidecar.connect("bank"); Statement s = c.createStatement()) {
            s.execute("DELETE FROM account");
            s.execute("INSERT INTO account (id, balance) VALUES (1, 100), (2, 100)");
            s.execute("BEGIN"); // local: opens on ds_0 then ds_1, which is also the commit order
            s.execute("UPDATE account SET balance = balance - 40 WHERE id = 2"); // ds_0
            s.execute("UPDATE account SET balance = balance + 40 WHERE id = 1"); // ds_1
            XaTransactionsTest.mariadb = mariadb;
            XaTransactionsTest.killBackendConnections(DB1);
            assertThatThrownBy(() -> s.execute("COMMIT"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("committed on [ds_0]")
                    .hasMessageContaining("NOT committed on [ds_1]")
                    .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(1180));
        }
        try (Connection c = sidecar.connect("bank")) {
            assertThat(XaTransactionsTest.balance(c, 2)).isEqualTo(60); // committed
            assertThat(XaTransactionsTest.balance(c, 1)).isEqualTo(100); // lost
        }
    }

    @Test
    void aMultiShardCommitThatSucceedsIsAPlainOk() throws Exception {
        try (Connection c = sidecar.connect("bank"); Statement s = c.createStatement()) {
            s.execute("DELETE FROM account");
            s.execute("INSERT INTO account (id, balance) VALUES (5, 100), (6, 100)");
            s.execute("BEGIN");
            s.execute("UPDATE account SET balance = balance - 1 WHERE id = 5");
            s.execute("UPDATE account SET balance = balance + 1 WHERE id = 6");
            s.execute("COMMIT");
            assertThat(XaTransactionsTest.balance(c, 5)).isEqualTo(99);
            assertThat(XaTransactionsTest.balance(c, 6)).isEqualTo(101);
        }
    }
}
