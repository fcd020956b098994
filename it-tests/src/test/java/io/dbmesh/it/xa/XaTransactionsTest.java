package io.dbmesh.it.xa;

import io.dbmesh.it.MariaDbInstance;
import io.dbmesh.it.MariaDbServers;
import io.dbmesh.it.SidecarFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * XA mode end to end on two data sources of the shared MariaDB: cross-shard transfers commit
 * atomically (two-phase) or roll back, single-shard ones take the one-phase path, a failing
 * statement keeps the transaction, a client that disconnects leaves nothing prepared, autocommit
 * writes across shards are one implicit transaction, the session variable switches modes, and the
 * SHOW/RECOVER statements answer. Backends are checked directly (XA RECOVER, the log tables).
 */
class XaTransactionsTest {
    private static final String APP_XID = "app-txn-" + ProcessHandle.current().pid();
    static final String DB0 = "xa_it_ds0_" + ProcessHandle.current().pid(), DB1 = "xa_it_ds1_" + ProcessHandle.current().pid();
    static MariaDbInstance mariadb;
    static SidecarFixture sidecar;

    @BeforeAll
    static void start() {
        mariadb = MariaDbServers.shared();
        sidecar = BankConfig.start(mariadb, DB0, DB1,
                "{mode: xa, log: {data_source: ds_0}, recovery_interval: 1s, lease: 2s, timeout: 4s}");
    }

    @AfterAll
    static void stop() {
        BankConfig.stop(sidecar, mariadb, DB0, DB1);
    }

    @BeforeEach
    void accounts() throws SQLException {
        try (Connection c = sidecar.connect("bank"); Statement s = c.createStatement()) {
            s.execute("DELETE FROM account");
            s.execute("INSERT INTO account (id, balance) VALUES (1, 100), (2, 100), (3, 100), (4, 100)");
        }
    }

    static Connection connect(String driver, boolean serverPrepared) throws SQLException {
        String url = driver.equals("mysql")
                ? sidecar.mysqlUrl("bank") + (serverPrepared ? "?useServerPrepStmts=true&cachePrepStmts=false" : "")
                : sidecar.mariadbUrl("bank") + (serverPrepared ? "?useServerPrepStmts=true" : "");
        return DriverManager.getConnection(url, "root", "");
    }

    static long balance(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT balance FROM account WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    /** Ids of the account rows physically on {@code db} (one shard), read straight from MariaDB. */
    static List<Long> idsOn(String db) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (Connection c = mariadb.connect(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM account ORDER BY id")) {
            while (rs.next()) out.add(rs.getLong(1));
        }
        return out;
    }

    @Test
    void rollbackToSavepointUndoesTheWorkOfEveryBranch() throws Exception {
        try (Connection c = sidecar.connect("bank"); Statement s = c.createStatement()) {
            s.execute("BEGIN");
            s.execute("INSERT INTO account (id, balance) VALUES (10, 1), (11, 1)"); // both shards join
            s.execute("SAVEPOINT a");
            s.execute("INSERT INTO account (id, balance) VALUES (12, 1), (13, 1)");
            s.execute("ROLLBACK TO SAVEPOINT a");
            s.execute("COMMIT");
        }
        assertThat(idsOn(DB0)).containsExactly(2L, 4L, 10L);
        assertThat(idsOn(DB1)).containsExactly(1L, 3L, 11L);
        assertThat(prepared()).isEmpty();
    }

    @Test
    void aBranchJoiningAfterASavepointRollsBackToIt() throws Exception {
        try (Connection c = sidecar.connect("bank"); Statement s = c.createStatement()) {
            s.execute("BEGIN");
            s.execute("INSERT INTO account (id, balance) VALUES (20, 1)"); // ds_0 joins before a
            s.execute("SAVEPOINT a");
            s.execute("INSERT INTO account (id, balance) VALUES (21, 1)"); // ds_1 joins after a
            s.execute("INSERT INTO account (id, balance) VALUES (22, 1)");
            s.execute("ROLLBACK TO a");
            s.execute("INSERT INTO account (id, balance) VALUES (23, 1)");
            s.execute("RELEASE SAVEPOINT a");
            assertThatThrownBy(() -> s.execute("ROLLBACK TO SAVEPOINT a")).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(1305));
            s.execute("COMMIT");
        }
        assertThat(idsOn(DB0)).containsExactly(2L, 4L, 20L);
        assertThat(idsOn(DB1)).containsExactly(1L, 3L, 23L);
    }

    /** Prepared branches left on the server (both data sources live there), and decision rows. */
    static List<String> prepared() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = mariadb.connect(""); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("XA RECOVER")) {
            while (rs.next()) out.add(rs.getString(4));
        }
        return out.stream().filter(x -> x.startsWith("dbmesh:")).toList();
    }

    static long count(String sql) throws SQLException {
        try (Connection c = mariadb.connect(DB0); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb:text", "mariadb:prepared", "mysql:text", "mysql:prepared"})
    void crossShardTransferCommitsOnBothShards(String how) throws Exception {
        String[] p = how.split(":");
        try (Connection c = connect(p[0], p[1].equals("prepared"))) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("UPDATE account SET balance = balance + ? WHERE id = ?")) {
                ps.setLong(1, -30);
                ps.setLong(2, 1);
                ps.executeUpdate();
                ps.setLong(1, 30);
                ps.setLong(2, 2);
                ps.executeUpdate();
            }
            c.commit();
            assertThat(balance(c, 1)).isEqualTo(70);
            assertThat(balance(c, 2)).isEqualTo(130);
        }
        try (Connection direct = mariadb.connect(DB1); Statement s = direct.createStatement();
             ResultSet rs = s.executeQuery("SELECT balance FROM account WHERE id = 1")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(70);
        }
        assertThat(prepared()).isEmpty();
    }

    @Test
    void explicitBeginTransferAndRollback() throws Exception {
        try (Connection c = sidecar.connect("bank"); Statement s = c.createStatement()) {
            s.execute("BEGIN");
            s.execute("UPDATE account SET balance = balance - 10 WHERE id = 3");
            s.execute("UPDATE account SET balance = balance + 10 WHERE id = 4");
            try (ResultSet rs = s.executeQuery("SHOW DBMESH TRANSACTIONS")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("xid")).startsWith("dbmesh:");
                assertThat(rs.getString("data_sources")).isEqualTo("ds_1,ds_0");
                assertThat(rs.getString("state")).isEqualTo("active");
            }
            s.execute("ROLLBACK");
            assertThat(balance(c, 3)).isEqualTo(100);
            assertThat(balance(c, 4)).isEqualTo(100);
            s.execute("START TRANSACTION");
            s.execute("UPDATE account SET balance = balance - 10 WHERE id = 3");
            s.execute("UPDATE account SET balance = balance + 10 WHERE id = 4");
            s.execute("COMMIT");
            assertThat(balance(c, 3)).isEqualTo(90);
            assertThat(balance(c, 4)).isEqualTo(110);
        }
        assertThat(prepared()).isEmpty();
    }

    @Test
    void setAutocommitOneCommitsTheOpenTransaction() throws Exception {
        try (Connection c = sidecar.connect("bank")) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("UPDATE account SET balance = balance - 20 WHERE id = 1");
                s.execute("UPDATE account SET balance = balance + 20 WHERE id = 2");
            }
            c.setAutoCommit(true); // SET autocommit=1: commits, as in MySQL
            try (Connection other = sidecar.connect("bank")) {
                assertThat(balance(other, 1)).isEqualTo(80);
                assertThat(balance(other, 2)).isEqualTo(120);
            }
        }
        assertThat(prepared()).isEmpty();
    }

    @Test
    void onlyAdminsSeeOtherSessionsAndTheBackendsInDoubtBranches() throws Exception {
        try (Connection root = sidecar.connect("bank"); Statement r = root.createStatement();
             Connection teller = DriverManager.getConnection(sidecar.mariadbUrl("bank"), "teller", "teller");
             Statement t = teller.createStatement()) {
            r.execute("BEGIN");
            r.execute("UPDATE account SET balance = balance + 1 WHERE id = 1");
            try (ResultSet rs = t.executeQuery("SHOW DBMESH TRANSACTIONS")) {
                assertThat(rs.next()).as("root's transaction is not the teller's to see").isFalse();
            }
            t.execute("BEGIN");
            t.execute("UPDATE account SET balance = balance + 1 WHERE id = 2");
            try (ResultSet rs = t.executeQuery("SHOW DBMESH TRANSACTIONS")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.next()).isFalse();
            }
            try (ResultSet rs = r.executeQuery("SHOW DBMESH TRANSACTIONS")) {
                int n = 0;
                while (rs.next()) n++;
                assertThat(n).as("an admin sees every session's").isEqualTo(2);
            }
            for (String sql : List.of("SHOW DBMESH INDOUBT", "DBMESH RECOVER")) {
                assertThatThrownBy(() -> t.executeQuery(sql)).isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(1227));
            }
            r.execute("ROLLBACK");
            t.execute("ROLLBACK");
        }
    }

    @Test
    void aFailedStatementKeepsTheTransaction() throws Exception {
        try (Connection c = sidecar.connect("bank"); Statement s = c.createStatement()) {
            s.execute("BEGIN");
            s.execute("UPDATE account SET balance = balance - 5 WHERE id = 1");
            assertThatThrownBy(() -> s.execute("INSERT INTO account (id, balance) VALUES (3, 1)"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("Duplicate entry");
            s.execute("UPDATE account SET balance = balance + 5 WHERE id = 2");
            s.execute("COMMIT");
            assertThat(balance(c, 1)).isEqualTo(95);
            assertThat(balance(c, 2)).isEqualTo(105);
            assertThat(balance(c, 3)).isEqualTo(100);
        }
    }

    @Test
    void aClientThatDisconnectsMidTransactionLeavesNothing() throws Exception {
        Connection c = sidecar.connect("bank");
        Statement s = c.createStatement();
        s.execute("BEGIN");
        s.execute("UPDATE account SET balance = 0 WHERE id = 1");
        s.execute("UPDATE account SET balance = 0 WHERE id = 2");
        c.close();
        try (Connection other = sidecar.connect("bank"); Statement o = other.createStatement()) {
            o.execute("SET SESSION innodb_lock_wait_timeout = 10");
            // the rows are not locked any more and hold their old values
            assertThat(o.executeUpdate("UPDATE account SET balance = balance + 1 WHERE id IN (1, 2)")).isEqualTo(2);
            assertThat(balance(other, 1)).isEqualTo(101);
            assertThat(balance(other, 2)).isEqualTo(101);
        }
        assertThat(prepared()).isEmpty();
    }

    @Test
    void anAutocommitWriteAcrossShardsIsAtomic() throws Exception {
        try (Connection c = sidecar.connect("bank"); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("UPDATE account SET balance = balance + 1")).isEqualTo(4);
            // id 10 would go to ds_0, id 3 exists on ds_1: the whole statement fails and 10 is not there
            assertThatThrownBy(() -> s.executeUpdate("INSERT INTO account (id, balance) VALUES (10, 1), (3, 1)"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("Duplicate entry");
            assertThat(balance(c, 10)).isEqualTo(-1);
            assertThat(balance(c, 1)).isEqualTo(101);
            // the same in local mode is not atomic: 10 stays although the statement failed
            s.execute("SET @dbmesh_transaction_mode = 'local'");
            assertThatThrownBy(() -> s.executeUpdate("INSERT INTO account (id, balance) VALUES (10, 1), (3, 1)"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("Duplicate entry");
            assertThat(balance(c, 10)).isEqualTo(1);
        }
        assertThat(prepared()).isEmpty();
    }

    @Test
    void theSessionVariablePicksTheMode() throws Exception {
        try (Connection c = sidecar.connect("bank"); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("SET @dbmesh_transaction_mode = 'two-phase'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("dbmesh_transaction_mode")
                    .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(1231));
            s.execute("SET @dbmesh_transaction_mode = 'local'");
            s.execute("BEGIN");
            s.execute("UPDATE account SET balance = 1 WHERE id = 1");
            try (ResultSet rs = s.executeQuery("SHOW DBMESH TRANSACTIONS")) {
                assertThat(rs.next()).as("local transactions are not XA").isFalse();
            }
            s.execute("COMMIT");
            s.execute("SET @dbmesh_transaction_mode = NULL"); // back to the database's mode: xa
            s.execute("BEGIN");
            s.execute("UPDATE account SET balance = 2 WHERE id = 1");
            try (ResultSet rs = s.executeQuery("SHOW DBMESH TRANSACTIONS")) {
                assertThat(rs.next()).isTrue();
            }
            s.execute("COMMIT");
            assertThat(balance(c, 1)).isEqualTo(2);
        }
    }

    @Test
    void aBranchThatFailsToPrepareRollsBackEverything() throws Exception {
        try (Connection c = sidecar.connect("bank"); Statement s = c.createStatement()) {
            s.execute("BEGIN");
            s.execute("UPDATE account SET balance = balance - 50 WHERE id = 2"); // ds_0
            s.execute("UPDATE account SET balance = balance + 50 WHERE id = 1"); // ds_1
            killBackendConnections(DB1);
            assertThatThrownBy(() -> s.execute("COMMIT"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("rolled back").hasMessageContaining("ds_1")
                    .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(1402));
            assertThat(balance(c, 1)).isEqualTo(100);
            assertThat(balance(c, 2)).isEqualTo(100);
        }
        assertThat(prepared()).isEmpty();
    }

    @Test
    void recoveryFinishesWhatADeadSidecarLeft() throws Exception {
        long old = System.currentTimeMillis() - 60_000;
        String committed = "dbmesh:dead-aaaaaa:" + Long.toString(old, 36) + ".1";
        String undecided = "dbmesh:dead-aaaaaa:" + Long.toString(old, 36) + ".2";
        // a dead sidecar prepared two transactions and decided COMMIT for the first one only. The
        // decision goes in first: written after the branches, the sidecar's periodic recovery could
        // presume ABORT for them in between (their owner is long dead); a fresh COMMIT row is kept
        // for the timeout (4 s) even while no branch is prepared yet
        try (Connection c = mariadb.connect(DB0); Statement s = c.createStatement()) {
            s.execute("INSERT INTO dbmesh_xa_decisions (gtrid, decision, owner, branches) VALUES ('" + committed
                    + "', 'C', 'dead-aaaaaa', 'ds_0,ds_1')");
        }
        prepare(DB0, committed, "ds_0", "UPDATE account SET balance = 500 WHERE id = 2");
        prepare(DB1, committed, "ds_1", "UPDATE account SET balance = 500 WHERE id = 1");
        prepare(DB0, undecided, "ds_0", "UPDATE account SET balance = 900 WHERE id = 4");
        // someone else's XA transaction: never touched
        // (XA ids are server-wide: this one names the process, so a parallel run cannot collide)
        prepareRaw(DB1, "'" + APP_XID + "','b1',1", "UPDATE account SET balance = 7 WHERE id = 3");
        try { // from here on the foreign branch is rolled back whatever fails: left prepared, it would
              // hold its row lock on the shared server and block dropping the database
            try (Connection c = sidecar.connect("bank"); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SHOW DBMESH INDOUBT")) {
                    List<String> rows = new ArrayList<>();
                    while (rs.next()) rows.add(rs.getString("xid") + " " + rs.getString("decision") + " " + rs.getString("owner_state"));
                    assertThat(rows).contains(committed + ",ds_0," + 0x64626D68L + " commit gone",
                            committed + ",ds_1," + 0x64626D68L + " commit gone", undecided + ",ds_0," + 0x64626D68L + " none gone");
                }
                List<String> actions = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("DBMESH RECOVER")) {
                    while (rs.next()) actions.add(rs.getString("xid") + " " + rs.getString("action"));
                }
                // the periodic pass may have resolved some already: whatever this one did must be right
                for (String a : actions) {
                    if (a.startsWith(committed)) assertThat(a).endsWith(" commit");
                    if (a.startsWith(undecided)) assertThat(a).endsWith(" rollback");
                }
                assertThat(balance(c, 2)).isEqualTo(500);
                assertThat(balance(c, 1)).isEqualTo(500);
                assertThat(balance(c, 4)).isEqualTo(100);
            }
            assertThat(prepared()).isEmpty();
            try (Connection c = mariadb.connect(""); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("XA RECOVER")) {
                List<String> left = new ArrayList<>();
                while (rs.next()) left.add(rs.getString(4));
                assertThat(left).contains(APP_XID + "b1");
            }
        } finally {
            mariadb.execute("XA ROLLBACK '" + APP_XID + "','b1',1");
        }
    }

    private static void prepare(String db, String gtrid, String bqual, String sql) throws SQLException {
        prepareRaw(db, "'" + gtrid + "','" + bqual + "'," + 0x64626D68L, sql);
    }

    /** A prepared XA branch whose connection then goes away, as a crashed coordinator leaves it. */
    private static void prepareRaw(String db, String xid, String sql) throws SQLException {
        try (Connection c = mariadb.connect(db); Statement s = c.createStatement()) {
            s.execute("XA START " + xid);
            s.execute(sql);
            s.execute("XA END " + xid);
            s.execute("XA PREPARE " + xid);
        }
    }

    /**
     * Kills the backend connections to physical database {@code db} that have a transaction open (the
     * session's bound one drops, as when a shard's network fails; idle pooled ones stay).
     */
    static void killBackendConnections(String db) throws SQLException {
        try (Connection c = mariadb.connect(""); Statement s = c.createStatement()) {
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT p.ID FROM information_schema.PROCESSLIST p JOIN"
                    + " information_schema.INNODB_TRX t ON t.trx_mysql_thread_id = p.ID WHERE p.DB = '" + db + "'")) {
                while (rs.next()) ids.add(rs.getLong(1));
            }
            for (long id : ids) {
                try {
                    s.execute("KILL " + id);
                } catch (SQLException gone) {
                    // ended meanwhile
                }
            }
        }
    }
}
