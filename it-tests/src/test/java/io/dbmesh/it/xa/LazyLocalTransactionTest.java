package io.dbmesh.it.xa;

import io.dbmesh.it.MariaDbInstance;
import io.dbmesh.it.MariaDbServers;
import io.dbmesh.it.RawMySqlClient;
import io.dbmesh.it.SidecarFixture;
import io.dbmesh.it.replication.ReplicationCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.awaitility.Awaitility.await;

/**
 * Local transaction mode opens a data source's part of a transaction at its first statement there:
 * BEGIN touches no backend, a one-shard transaction never talks to the other shard (its COMMIT is
 * one round trip), WITH CONSISTENT SNAPSHOT still opens on every shard at once. Each shard is a
 * private {@code mariadbd}, so its global {@code Com_begin}/{@code Com_commit} counters count only
 * what this sidecar sent. Also: status flags right after BEGIN, savepoints across shards that joined
 * before and after them, SET TRANSACTION reaching a shard that joins later, DDL's implicit commit,
 * and a shard connection killed mid-transaction (the transaction can then only roll back).
 */
class LazyLocalTransactionTest {
    static final String DB = "lazytx_bank";
    static MariaDbServers.Started s0, s1;
    static SidecarFixture sidecar;

    @BeforeAll
    static void start() {
        assumeTrue(ReplicationCluster.available(), "needs mariadbd to start shard servers");
        s0 = MariaDbServers.startInstance("lazytx-shard0", List.of());
        s1 = MariaDbServers.startInstance("lazytx-shard1", List.of());
        for (MariaDbInstance s : List.of(s0.instance(), s1.instance())) s.recreateDatabase(DB);
        sidecar = SidecarFixture.fromYaml(BankConfig.yaml(s0.instance(), DB, s1.instance(), DB, "{mode: local}"), Map.of());
    }

    @AfterAll
    static void stop() {
        if (sidecar != null) sidecar.close();
        if (s0 != null) s0.close();
        if (s1 != null) s1.close();
    }

    @BeforeEach
    void accounts() throws SQLException {
        // A previous test's session closed mid-transaction: the sidecar rolls it back after the
        // client has gone, so its transaction may still be open on a shard for a moment.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(openTransactions(s0.instance())).as("transactions left open on shard 0").isZero();
            assertThat(openTransactions(s1.instance())).as("transactions left open on shard 1").isZero();
        });
        try (Connection c = sidecar.connect("bank"); Statement s = c.createStatement()) {
            s.execute("DELETE FROM account");
            s.execute("INSERT INTO account (id, balance) VALUES (1, 100), (2, 100), (3, 100), (4, 100)"); // even: ds_0
        }
    }

    @Test
    void aOneShardTransactionNeverTalksToTheOtherShard() throws Exception {
        try (Connection c = sidecar.connect("bank"); Statement s = c.createStatement()) {
            long[] before = counters();
            s.execute("BEGIN");
            assertThat(counters()).as("BEGIN touches no backend").containsExactly(before);
            s.execute("UPDATE account SET balance = balance + 1 WHERE id = 2"); // ds_0 joins
            assertThat(openTransactions(s0.instance())).isEqualTo(1);
            assertThat(openTransactions(s1.instance())).isZero();
            s.execute("COMMIT");
            long[] after = counters();
            // s0: one BEGIN and one COMMIT; s1: nothing at all
            assertThat(new long[] {after[0] - before[0], after[1] - before[1], after[2] - before[2], after[3] - before[3]})
                    .containsExactly(1, 1, 0, 0);
            assertThat(balance(s, 2)).isEqualTo(101);
        }
    }

    @Test
    void aTransactionThatJoinsNothingEndsWithoutARoundTrip() throws Exception {
        try (Connection c = sidecar.connect("bank"); Statement s = c.createStatement()) {
            long[] before = counters();
            s.execute("START TRANSACTION READ WRITE");
            s.execute("ROLLBACK");
            s.execute("BEGIN");
            s.execute("COMMIT");
            assertThat(counters()).containsExactly(before);
        }
    }

    @Test
    void withConsistentSnapshotOpensOnEveryShardAtBegin() throws Exception {
        try (Connection c = sidecar.connect("bank"); Statement s = c.createStatement()) {
            s.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
            assertThat(openTransactions(s0.instance())).isEqualTo(1);
            assertThat(openTransactions(s1.instance())).isEqualTo(1);
            try (Connection other = sidecar.connect("bank"); Statement o = other.createStatement()) {
                o.execute("UPDATE account SET balance = 7 WHERE id = 1"); // ds_1, after the snapshot
            }
            assertThat(balance(s, 1)).as("the snapshot predates the other session's write").isEqualTo(100);
            s.execute("COMMIT");
            assertThat(balance(s, 1)).isEqualTo(7);
        }
    }

    @Test
    void theClientIsInATransactionRightAfterBegin() throws Exception {
        try (RawMySqlClient raw = RawMySqlClient.login(sidecar.port(), "root", "", "bank")) {
            int inTrans = 0x0001, readOnly = 0x2000;
            assertThat(status(raw.query("BEGIN")) & (inTrans | readOnly)).isEqualTo(inTrans);
            assertThat(status(raw.query("COMMIT")) & inTrans).isZero();
            assertThat(status(raw.query("START TRANSACTION READ ONLY")) & (inTrans | readOnly)).isEqualTo(inTrans | readOnly);
            assertThat(status(raw.query("ROLLBACK")) & (inTrans | readOnly)).isZero();
        }
        try (Connection c = sidecar.connect("bank"); Statement s = c.createStatement()) {
            s.execute("START TRANSACTION READ ONLY");
            assertThat(longValue(s, "SELECT @@in_transaction")).isEqualTo(1);
            assertThatThrownBy(() -> s.execute("UPDATE account SET balance = 0 WHERE id = 1"))
                    .isInstanceOf(SQLException.class).satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(1792));
            s.execute("COMMIT");
            assertThat(longValue(s, "SELECT @@in_transaction")).isZero();
        }
    }

    @Test
    void setTransactionReachesTheShardsThatJoinLater() throws Exception {
        try (Connection c = sidecar.connect("bank"); Statement s = c.createStatement()) {
            s.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED"); // runs on ds_0 only
            s.execute("BEGIN");
            assertThat(seesAnotherSessionsCommit(s, 1)).as("ds_1 joined READ COMMITTED").isTrue();
            assertThat(seesAnotherSessionsCommit(s, 2)).as("ds_0 joined READ COMMITTED").isTrue();
            s.execute("COMMIT");
            s.execute("BEGIN");
            assertThat(seesAnotherSessionsCommit(s, 1)).as("used up by the previous transaction").isFalse();
            assertThat(seesAnotherSessionsCommit(s, 2)).isFalse();
            s.execute("COMMIT");
        }
    }

    /** Reads the account, lets another session change it, reads again: READ COMMITTED sees the change, REPEATABLE READ not. */
    private static boolean seesAnotherSessionsCommit(Statement s, long id) throws SQLException {
        long first = balance(s, id);
        try (Connection other = sidecar.connect("bank"); Statement o = other.createStatement()) {
            o.execute("UPDATE account SET balance = balance + 1 WHERE id = " + id);
        }
        return balance(s, id) != first;
    }

    @Test
    void savepointsHoldForShardsJoinedBeforeAndAfterThem() throws Exception {
        try (Connection c = sidecar.connect("bank"); Statement s = c.createStatement()) {
            s.execute("BEGIN");
            s.execute("UPDATE account SET balance = balance + 10 WHERE id = 2"); // ds_0 joins before a
            s.execute("SAVEPOINT a");
            s.execute("UPDATE account SET balance = balance + 100 WHERE id = 2");
            s.execute("UPDATE account SET balance = balance + 100 WHERE id = 1"); // ds_1 joins after a
            s.execute("SAVEPOINT b");
            s.execute("UPDATE account SET balance = balance + 1000 WHERE id = 1");
            s.execute("UPDATE account SET balance = balance + 1000 WHERE id = 4");
            s.execute("ROLLBACK TO SAVEPOINT b");
            assertThat(balances(s)).containsExactly(200, 210, 100, 100);
            s.execute("ROLLBACK TO a");
            assertThat(balances(s)).containsExactly(100, 110, 100, 100);
            assertThatThrownBy(() -> s.execute("ROLLBACK TO SAVEPOINT b")).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(1305)); // dropped by ROLLBACK TO a
            s.execute("UPDATE account SET balance = balance + 1 WHERE id = 3"); // ds_1 again
            s.execute("RELEASE SAVEPOINT a");
            assertThatThrownBy(() -> s.execute("ROLLBACK TO a")).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(1305));
            s.execute("COMMIT");
            assertThat(balances(s)).containsExactly(100, 110, 101, 100);
        }
    }

    @Test
    void savepointsWithAutocommitOff() throws Exception {
        try (Connection c = sidecar.connect("bank"); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("UPDATE account SET balance = balance + 5 WHERE id = 2");
            s.execute("SAVEPOINT x");
            s.execute("UPDATE account SET balance = balance + 50 WHERE id = 1"); // joins after x
            s.execute("ROLLBACK TO SAVEPOINT x");
            c.commit();
            c.setAutoCommit(true);
            assertThat(balances(s)).containsExactly(100, 105, 100, 100);
        }
    }

    @Test
    void ddlCommitsTheTransactionFirst() throws Exception {
        try (Connection c = sidecar.connect("bank"); Statement s = c.createStatement()) {
            s.execute("BEGIN");
            s.execute("UPDATE account SET balance = 1 WHERE id = 1");
            s.execute("UPDATE account SET balance = 2 WHERE id = 2");
            s.execute("CREATE TABLE IF NOT EXISTS lazytx_ddl (a INT)");
            s.execute("ROLLBACK"); // nothing left to roll back
            assertThat(balances(s)).containsExactly(1, 2, 100, 100);
            s.execute("DROP TABLE lazytx_ddl");
        }
    }

    @Test
    void lockTablesCommitsTheTransactionFirst() throws Exception {
        try (Connection c = sidecar.connect("bank"); Statement s = c.createStatement()) {
            s.execute("BEGIN");
            s.execute("UPDATE account SET balance = 1 WHERE id = 1"); // ds_1
            s.execute("UPDATE account SET balance = 2 WHERE id = 2"); // ds_0
            s.execute("LOCK TABLES ledger READ");
            try (Connection other = sidecar.connect("bank"); Statement o = other.createStatement()) {
                assertThat(balances(o)).as("committed by LOCK TABLES, seen from another connection")
                        .containsExactly(1, 2, 100, 100);
            }
            s.execute("UNLOCK TABLES");
            s.execute("ROLLBACK"); // nothing left to roll back
            assertThat(balances(s)).containsExactly(1, 2, 100, 100);
            assertThat(openTransactions(s0.instance()) + openTransactions(s1.instance())).isZero();
        }
    }

    @Test
    void aShardConnectionKilledMidTransactionLeavesOnlyRollback() throws Exception {
        try (Connection c = sidecar.connect("bank"); Statement s = c.createStatement()) {
            s.execute("BEGIN");
            s.execute("UPDATE account SET balance = balance - 40 WHERE id = 2"); // ds_0
            s.execute("UPDATE account SET balance = balance + 40 WHERE id = 1"); // ds_1
            killTransactionConnections(s1.instance());
            assertThatThrownBy(() -> s.execute("UPDATE account SET balance = balance + 1 WHERE id = 3")) // ds_1's dead connection
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> s.execute("SELECT balance FROM account WHERE id = 1"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("ds_1").hasMessageContaining("can only be rolled back")
                    .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(1402));
            assertThatThrownBy(() -> s.execute("COMMIT"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("ds_1")
                    .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(1402));
            assertThat(longValue(s, "SELECT @@in_transaction")).isZero();
            assertThat(balances(s)).as("nothing committed").containsExactly(100, 100, 100, 100);
        }
    }

    @Test
    void aScatterReadInATransactionSeesItsOwnWritesOnEveryShard() throws Exception {
        try (Connection c = sidecar.connect("bank"); Statement s = c.createStatement()) {
            s.execute("BEGIN");
            s.execute("UPDATE account SET balance = 0 WHERE id IN (1, 2)");
            assertThat(longValue(s, "SELECT SUM(balance) FROM account")).isEqualTo(200);
            assertThat(balances(s)).containsExactly(0, 0, 100, 100);
            assertThatThrownBy(() -> s.executeQuery("SELECT nosuchcolumn FROM account")).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(1054));
            assertThat(longValue(s, "SELECT SUM(balance) FROM account")).as("the transaction survives the error").isEqualTo(200);
            s.execute("ROLLBACK");
            assertThat(longValue(s, "SELECT SUM(balance) FROM account")).isEqualTo(400);
        }
    }

    /** Com_begin and Com_commit of shard 0, then of shard 1. */
    private static long[] counters() throws SQLException {
        return new long[] {status(s0.instance(), "Com_begin"), status(s0.instance(), "Com_commit"),
                status(s1.instance(), "Com_begin"), status(s1.instance(), "Com_commit")};
    }

    private static long status(MariaDbInstance server, String name) throws SQLException {
        try (Connection c = server.connect(""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS LIKE '" + name + "'")) {
            rs.next();
            return rs.getLong(2);
        }
    }

    /** InnoDB transactions open on the server's connections to the bank's database. */
    private static int openTransactions(MariaDbInstance server) throws SQLException {
        return transactionThreads(server).size();
    }

    private static List<Long> transactionThreads(MariaDbInstance server) throws SQLException {
        // InnoDB answers INNODB_TRX from a cache it refreshes only when the last read is more than
        // 100 ms old (TRX_I_S_CACHE_MIN_REFRESH_TIME): two reads close together see the same
        // snapshot, so a transaction just begun or just ended would be missed or seen twice.
        try {
            Thread.sleep(150);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        try (Connection c = server.connect(""); PreparedStatement ps = c.prepareStatement("SELECT p.ID FROM information_schema.PROCESSLIST p"
                + " JOIN information_schema.INNODB_TRX t ON t.trx_mysql_thread_id = p.ID WHERE p.DB = ?")) {
            ps.setString(1, DB);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) ids.add(rs.getLong(1));
            }
            return ids;
        }
    }

    /** KILL CONNECTION for the server's connections with a transaction open: the shard's part dies with it. */
    private static void killTransactionConnections(MariaDbInstance server) throws SQLException {
        List<Long> ids = transactionThreads(server);
        assertThat(ids).hasSize(1);
        try (Connection c = server.connect(""); Statement s = c.createStatement()) {
            for (long id : ids) s.execute("KILL CONNECTION " + id);
        }
    }

    private static long balance(Statement s, long id) throws SQLException {
        return longValue(s, "SELECT balance FROM account WHERE id = " + id);
    }

    private static List<Integer> balances(Statement s) throws SQLException {
        List<Integer> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT balance FROM account ORDER BY id")) {
            while (rs.next()) out.add(rs.getInt(1));
        }
        return out;
    }

    private static long longValue(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The status flags of an OK packet (affected rows and insert id below 251: one byte each). */
    private static int status(byte[] ok) {
        assertThat(RawMySqlClient.isOk(ok)).as(RawMySqlClient.describe(ok)).isTrue();
        return (ok[3] & 0xff) | (ok[4] & 0xff) << 8;
    }
}
