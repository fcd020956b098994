package io.dbmesh.it.xa;

import io.dbmesh.it.MariaDbInstance;
import io.dbmesh.it.MariaDbServers;
import io.dbmesh.it.SidecarFixture;
import io.dbmesh.it.replication.ReplicationCluster;
import io.dbmesh.txn.FaultPoints;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.awaitility.Awaitility.await;

/**
 * The bank invariant under crashes. Two shards, each its own {@code mariadbd}; the sidecar runs as
 * a separate process in XA mode with the decision log on shard 0. Sessions move money between an
 * account on each shard and write a ledger row for the transfer on both shards.
 *
 * <p>The sidecar is killed over and over: halted by an armed fault point at each step of the commit
 * protocol (after a PREPARE, after the log write, after a COMMIT) and kill -9'd at random moments,
 * each time restarted as a new sidecar (a new owner: the dead one's branches are finished by another
 * sidecar once its lease expired). Then: the total is exact, every transfer is on both shards or on
 * neither, every transfer the client saw committed is there, and no dbmesh branch stays prepared.
 * A shard killed between PREPARE and COMMIT is recovered after its restart; a shard that dies once
 * the decision is durable does not fail the client's COMMIT (recovery finishes it); a decision write
 * that fails is the one case the client hears "outcome unknown" (with the xid).
 */
class XaCrashTest {
    static final int ACCOUNTS = 20;
    static final long START_BALANCE = 1000;
    static final String DB = "xa_bank";

    static MariaDbServers.Started s0, s1;

    @TempDir
    Path dir;
    Path config;

    @BeforeAll
    static void servers() {
        assumeTrue(ReplicationCluster.available(), "needs mariadbd to start shard servers");
        // short lock waits: a transfer blocked by a dead sidecar's prepared branch fails fast and retries
        List<String> options = List.of("--innodb-lock-wait-timeout=3");
        s0 = MariaDbServers.startInstance("xa-shard0", options);
        s1 = MariaDbServers.startInstance("xa-shard1", options);
    }

    @AfterAll
    static void stopServers() {
        if (s0 != null) s0.close();
        if (s1 != null) s1.close();
    }

    @BeforeEach
    void bank() throws Exception {
        // a test that failed between killing a shard and restarting it must not fail the next ones
        s0.server().start();
        s1.server().start();
        for (MariaDbInstance s : List.of(s0.instance(), s1.instance())) s.recreateDatabase(DB);
        config = dir.resolve("bank.yaml");
        Files.writeString(config, BankConfig.yaml(s0.instance(), DB, s1.instance(), DB,
                "{mode: xa, log: {data_source: ds_0}, recovery_interval: 1s, lease: 2s, timeout: 20s}"));
        try (SidecarProcess p = SidecarProcess.start(dir, config, null);
             Connection c = DriverManager.getConnection(p.url(), "root", ""); Statement s = c.createStatement()) {
            StringBuilder values = new StringBuilder();
            for (int i = 1; i <= ACCOUNTS; i++) values.append(i == 1 ? "" : ",").append("(").append(i).append(",").append(START_BALANCE).append(")");
            s.execute("INSERT INTO account (id, balance) VALUES " + values);
        }
    }

    @Test
    void theBankTotalHoldsAcrossSidecarKills() throws Exception {
        List<String> faults = List.of("after_prepare:1", "after_prepare:2", "after_log:1", "after_log:3",
                "after_commit:1", "after_commit:2", "after_prepare:5", "after_log:8");
        int rounds = faults.size() + 14;
        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicLong tids = new AtomicLong();
        int kills = 0;
        long t0 = System.nanoTime();
        for (int round = 0; round < rounds; round++) {
            String fault = round < faults.size() ? faults.get(round) : null;
            try (SidecarProcess p = SidecarProcess.start(dir, config, fault)) {
                AtomicBoolean stop = new AtomicBoolean();
                List<Thread> clients = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    clients.add(Thread.ofPlatform().start(() -> transfers(p.url(), stop, tids, acknowledged)));
                }
                if (fault != null) {
                    // the fault point halts the process when the commits reach it
                    assertThat(p.waitFor(60_000)).as(() -> "fault " + fault + " never hit: " + p.describe()).isTrue();
                } else {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(300, 1500));
                    assertThat(p.isAlive()).as(p::describe).isTrue();
                    p.kill();
                }
                kills++;
                stop.set(true);
                for (Thread t : clients) t.join(30_000);
            }
        }
        assertThat(kills).isGreaterThanOrEqualTo(20);
        assertThat(acknowledged).as("some transfers committed between the kills").isNotEmpty();
        // a new sidecar on the same log finishes what the dead ones left
        try (SidecarProcess p = SidecarProcess.start(dir, config, null)) {
            awaitNoPreparedBranches();
            assertThat(p.isAlive()).isTrue();
        }
        checkInvariants(acknowledged);
        System.out.printf("XaCrashTest: %d kills, %d acknowledged transfers, %.1f s%n", kills, acknowledged.size(),
                (System.nanoTime() - t0) / 1e9);
    }

    @Test
    void aShardKilledBetweenPrepareAndCommitIsRecovered() throws Exception {
        try (SidecarProcess p = SidecarProcess.start(dir, config, "after_log:1")) {
            try (Connection c = DriverManager.getConnection(p.url(), "root", ""); Statement s = c.createStatement()) {
                s.execute("BEGIN");
                s.execute("UPDATE account SET balance = balance - 100 WHERE id = 2");
                s.execute("UPDATE account SET balance = balance + 100 WHERE id = 1");
                s.execute("INSERT INTO ledger (tid, acct, amount) VALUES (1, 2, -100), (1, 1, 100)");
                try {
                    s.execute("COMMIT");
                } catch (SQLException expected) {
                    // the sidecar halted after writing the decision: the client cannot know
                }
            }
            assertThat(p.waitFor(30_000)).as(p::describe).isTrue();
        }
        assertThat(preparedBranches(s1.instance())).hasSize(1);
        s1.server().kill(); // the shard dies with the prepared branch
        s1.server().start();
        assertThat(preparedBranches(s1.instance())).as("InnoDB keeps a prepared branch across a crash").hasSize(1);
        try (SidecarProcess p = SidecarProcess.start(dir, config, null)) {
            awaitNoPreparedBranches();
            assertThat(p.isAlive()).isTrue();
        }
        assertThat(balance(s0.instance(), 2)).isEqualTo(START_BALANCE - 100);
        assertThat(balance(s1.instance(), 1)).isEqualTo(START_BALANCE + 100);
        checkInvariants(Set.of(1L));
    }

    @Test
    void aShardUnreachableAtCommitTimeStillCommitsOnceDecided() throws Exception {
        // in-process sidecar that pauses 4 s right after the decision is durable; the shard dies meanwhile
        try (SidecarFixture sidecar = withFault("after_log:1:4000")) {
            CompletableFuture<String> commit = new CompletableFuture<>();
            try (Connection c = sidecar.connect("bank"); Statement s = c.createStatement()) {
                s.execute("BEGIN");
                s.execute("UPDATE account SET balance = balance - 7 WHERE id = 2");
                s.execute("UPDATE account SET balance = balance + 7 WHERE id = 1");
                Thread committer = Thread.ofPlatform().start(() -> {
                    try {
                        s.execute("COMMIT");
                        commit.complete("ok");
                    } catch (SQLException e) {
                        commit.complete(e.getErrorCode() + " " + e.getMessage());
                    }
                });
                awaitDecisionRows(1);
                s1.server().kill();
                committer.join(60_000);
            }
            assertThat(commit.get()).as("decided: the client is told it committed").isEqualTo("ok");
            s1.server().start();
            awaitNoPreparedBranches(); // recovery commits the branch the shard kept
            assertThat(balance(s0.instance(), 2)).isEqualTo(START_BALANCE - 7);
            assertThat(balance(s1.instance(), 1)).isEqualTo(START_BALANCE + 7);
        }
    }

    @Test
    void aLostDecisionWriteIsReportedAsUnknownWithTheXidAndResolvedByRecovery() throws Exception {
        // pause after both PREPAREs; the log's server (shard 0) dies meanwhile: the decision cannot be written
        try (SidecarFixture sidecar = withFault("after_prepare:2:3000")) {
            String error;
            try (Connection c = sidecar.connect("bank"); Statement s = c.createStatement()) {
                s.execute("BEGIN");
                s.execute("UPDATE account SET balance = balance - 9 WHERE id = 2");
                s.execute("UPDATE account SET balance = balance + 9 WHERE id = 1");
                Thread killer = Thread.ofPlatform().start(() -> {
                    try {
                        // both PREPAREs run in parallel: kill shard 0 only once its own branch is
                        // prepared too, else its PREPARE fails and the commit is an ordinary rollback
                        awaitPrepared(s1.instance(), 1);
                        awaitPrepared(s0.instance(), 1);
                        s0.server().kill();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                try {
                    s.execute("COMMIT");
                    error = "ok";
                } catch (SQLException e) {
                    error = e.getErrorCode() + " " + e.getMessage();
                }
                killer.join(30_000);
            }
            assertThat(error).startsWith("1180 ").contains("outcome is unknown").contains("dbmesh:");
            s0.server().start();
            awaitNoPreparedBranches(); // no decision in the log: recovery fences ABORT and rolls both back
            assertThat(balance(s0.instance(), 2)).isEqualTo(START_BALANCE);
            assertThat(balance(s1.instance(), 1)).isEqualTo(START_BALANCE);
        }
    }

    /**
     * The isolation caveat, what holds: while a two-phase commit is between PREPARE and COMMIT (here
     * paused after the decision), other sessions read the old values on every shard, unblocked (the
     * prepared rows are invisible, not half-visible); once COMMIT returned, every reader sees all of
     * it. What does not hold (README): while the parallel XA COMMITs land, a reader may see one shard's
     * part before the other's.
     */
    @Test
    void readersSeeOldValuesUntilTheCommitAndAllOfItAfter() throws Exception {
        try (SidecarFixture sidecar = withFault("after_log:1:3000")) {
            CompletableFuture<String> commit = new CompletableFuture<>();
            try (Connection c = sidecar.connect("bank"); Statement s = c.createStatement();
                 Connection reader = sidecar.connect("bank"); Statement r = reader.createStatement()) {
                s.execute("BEGIN");
                s.execute("UPDATE account SET balance = balance - 3 WHERE id = 2");
                s.execute("UPDATE account SET balance = balance + 3 WHERE id = 1");
                Thread committer = Thread.ofPlatform().start(() -> {
                    try {
                        s.execute("COMMIT");
                        commit.complete("ok");
                    } catch (SQLException e) {
                        commit.complete(e.getMessage());
                    }
                });
                awaitDecisionRows(1);
                assertThat(commit.isDone()).isFalse();
                assertThat(balances(r)).as("mid-commit: the old values on both shards").containsExactly(START_BALANCE, START_BALANCE);
                committer.join(30_000);
                assertThat(commit.get()).isEqualTo("ok");
                assertThat(balances(r)).as("after COMMIT returned: all of it").containsExactly(START_BALANCE + 3, START_BALANCE - 3);
            }
        }
    }

    private static List<Long> balances(Statement r) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (ResultSet rs = r.executeQuery("SELECT balance FROM account WHERE id IN (1, 2) ORDER BY id")) {
            while (rs.next()) out.add(rs.getLong(1));
        }
        return out;
    }

    private SidecarFixture withFault(String fault) {
        System.setProperty(FaultPoints.PROPERTY, fault);
        try {
            return SidecarFixture.fromYaml(BankConfig.yaml(s0.instance(), DB, s1.instance(), DB,
                    "{mode: xa, log: {data_source: ds_0}, recovery_interval: 1s, lease: 2s, timeout: 20s}"), Map.of());
        } finally {
            System.clearProperty(FaultPoints.PROPERTY);
        }
    }

    private static void awaitDecisionRows(int n) throws Exception {
        await("a decision row").atMost(java.time.Duration.ofSeconds(30)).pollInterval(java.time.Duration.ofMillis(20))
                .until(() -> sum(s0.instance(), "SELECT COUNT(*) FROM dbmesh_xa_decisions WHERE decision = 'C'") >= n);
    }

    private static void awaitPrepared(MariaDbInstance s, int n) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (preparedBranches(s).size() >= n) return;
            Thread.sleep(20);
        }
        throw new AssertionError("no prepared branch within 30 s");
    }

    /** One client: transfers from an even (shard 0) to an odd (shard 1) account or back, until stopped. */
    private static void transfers(String url, AtomicBoolean stop, AtomicLong tids, Set<Long> acknowledged) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        while (!stop.get()) {
            try (Connection c = DriverManager.getConnection(url, "root", ""); Statement s = c.createStatement()) {
                while (!stop.get()) {
                    long even = 2L * r.nextInt(1, ACCOUNTS / 2 + 1), odd = even - 1;
                    long from = r.nextBoolean() ? even : odd, to = from == even ? odd : even;
                    long amount = r.nextLong(1, 20), tid = tids.incrementAndGet();
                    s.execute("BEGIN");
                    try {
                        s.executeUpdate("UPDATE account SET balance = balance - " + amount + " WHERE id = " + from);
                        s.executeUpdate("UPDATE account SET balance = balance + " + amount + " WHERE id = " + to);
                        s.executeUpdate("INSERT INTO ledger (tid, acct, amount) VALUES (" + tid + ", " + from + ", " + -amount
                                + "), (" + tid + ", " + to + ", " + amount + ")");
                    } catch (SQLException e) {
                        s.execute("ROLLBACK");
                        continue; // a lock held by a dead sidecar's branch, typically: try another transfer
                    }
                    s.execute("COMMIT");
                    acknowledged.add(tid);
                }
            } catch (SQLException e) {
                // the sidecar died (or a commit failed): reconnect unless this round is over
                sleepQuietly(50);
            }
        }
    }

    private static void checkInvariants(Set<Long> acknowledged) throws SQLException {
        assertThat(preparedBranches(s0.instance())).isEmpty();
        assertThat(preparedBranches(s1.instance())).isEmpty();
        long total = sum(s0.instance(), "SELECT SUM(balance) FROM account") + sum(s1.instance(), "SELECT SUM(balance) FROM account");
        assertThat(total).as("bank total").isEqualTo(ACCOUNTS * START_BALANCE);
        Map<Long, Long> l0 = ledger(s0.instance()), l1 = ledger(s1.instance());
        assertThat(l0.keySet()).as("every transfer is on both shards or on neither").isEqualTo(l1.keySet());
        for (Map.Entry<Long, Long> e : l0.entrySet()) assertThat(e.getValue() + l1.get(e.getKey())).isZero();
        assertThat(l0.keySet()).as("every transfer the client saw committed is committed").containsAll(acknowledged);
        // the balances agree with the ledger
        long moved0 = l0.values().stream().mapToLong(Long::longValue).sum();
        assertThat(sum(s0.instance(), "SELECT SUM(balance) FROM account")).isEqualTo(ACCOUNTS / 2 * START_BALANCE + moved0);
    }

    private static Map<Long, Long> ledger(MariaDbInstance s) throws SQLException {
        Map<Long, Long> out = new HashMap<>();
        try (Connection c = s.connect(DB); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT tid, amount FROM ledger")) {
            while (rs.next()) out.merge(rs.getLong(1), rs.getLong(2), Long::sum);
        }
        return out;
    }

    private static long sum(MariaDbInstance s, String sql) throws SQLException {
        try (Connection c = s.connect(DB); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long balance(MariaDbInstance s, long id) throws SQLException {
        return sum(s, "SELECT balance FROM account WHERE id = " + id);
    }

    static List<String> preparedBranches(MariaDbInstance s) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = s.connect(""); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("XA RECOVER")) {
            while (rs.next()) if (rs.getString(4).startsWith("dbmesh:")) out.add(rs.getString(4));
        }
        return out;
    }

    private static void awaitNoPreparedBranches() throws Exception {
        await("no prepared branch left").atMost(java.time.Duration.ofSeconds(60)).pollInterval(java.time.Duration.ofMillis(200))
                .untilAsserted(() -> {
                    assertThat(preparedBranches(s0.instance())).as("left prepared on shard 0").isEmpty();
                    assertThat(preparedBranches(s1.instance())).as("left prepared on shard 1").isEmpty();
                });
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
