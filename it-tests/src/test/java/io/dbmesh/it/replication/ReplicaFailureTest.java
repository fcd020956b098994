package io.dbmesh.it.replication;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.dbmesh.it.replication.ReadWriteSplittingTest.serverId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Servers failing under the sidecar: replicas that die, stop replicating or fall behind leave the
 * read pool and come back by themselves; a primary that dies or hangs gives clients a clear error
 * fast, and is used again as soon as it answers. Health is checked every 200 ms here.
 */
class ReplicaFailureTest {
    private static final int PRIMARY = 1;
    private static final int REPLICA1 = 2;
    private static final int REPLICA2 = 3;
    private static ReplicationCluster cluster;
    private ReplicatedSidecar sidecar;

    @BeforeAll
    static void startCluster() {
        cluster = ReplicatedSidecar.startCluster("CREATE TABLE rw_app.t (id INT PRIMARY KEY AUTO_INCREMENT, v INT)");
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) cluster.close();
    }

    @BeforeEach
    void startSidecar() {
        sidecar = new ReplicatedSidecar(cluster, ReadWriteSplittingTest.GROUP_OPTIONS, "session");
    }

    @AfterEach
    void stopSidecar() {
        sidecar.close();
    }

    @Test
    void aKilledReplicaLeavesThePoolWhileEveryReadSucceedsAndReturnsWhenRestarted() throws Exception {
        MariaDbServer replica2 = cluster.replica(1);
        try (Connection c = sidecar.connect(); Statement s = c.createStatement()) {
            assertThat(readServers(s, 10)).containsOnly(REPLICA1, REPLICA2);
            replica2.kill();
            long killed = System.nanoTime();
            // Reads right after the kill hit dead pooled connections: each is retried on the other replica.
            assertThat(readServers(s, 50)).containsOnly(REPLICA1);
            awaitState(s, "ds0.replica2", "down", Duration.ofSeconds(2));
            assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(Duration.ofSeconds(2));
            assertThat(readServers(s, 10)).containsOnly(REPLICA1);
            replica2.start();
            awaitState(s, "ds0.replica2", "up", Duration.ofSeconds(10));
            assertThat(readServers(s, 10)).contains(REPLICA2);
        } finally {
            if (!replica2.isRunning()) replica2.start();
        }
    }

    @Test
    void readsStuckOnAHungReplicaAreAbortedAndAnsweredByTheOtherOne() throws SQLException {
        MariaDbServer replica2 = cluster.replica(1);
        try (Connection c = sidecar.connect(); Statement s = c.createStatement()) {
            assertThat(readServers(s, 4)).containsOnly(REPLICA1, REPLICA2);
            replica2.freeze(); // accepts TCP, never answers
            long slowest = 0;
            Set<Integer> servers = new TreeSet<>();
            for (int i = 0; i < 20; i++) {
                long start = System.nanoTime();
                servers.add(serverId(s, "SELECT @@server_id")); // every read succeeds
                slowest = Math.max(slowest, System.nanoTime() - start);
            }
            assertThat(servers).containsOnly(REPLICA1);
            // the read that hit the hung replica waited for the checker to call it down, no longer
            assertThat(Duration.ofNanos(slowest)).isLessThan(Duration.ofSeconds(3));
            awaitState(s, "ds0.replica2", "down", Duration.ofSeconds(2));
            replica2.thaw();
            awaitState(s, "ds0.replica2", "up", Duration.ofSeconds(5));
            assertThat(readServers(s, 10)).containsOnly(REPLICA1, REPLICA2);
        } finally {
            replica2.thaw();
        }
    }

    @Test
    void aReplicaThatStopsReplicatingIsExcludedAndReadmitted() throws SQLException {
        MariaDbServer replica1 = cluster.replica(0);
        try (Connection c = sidecar.connect(); Statement s = c.createStatement()) {
            cluster.stopReplication(replica1);
            awaitState(s, "ds0.replica1", "broken", Duration.ofSeconds(2));
            assertThat(lastError(s, "ds0.replica1")).contains("replication stopped");
            assertThat(readServers(s, 10)).containsOnly(REPLICA2);
            cluster.startReplication(replica1);
            awaitState(s, "ds0.replica1", "up", Duration.ofSeconds(5));
            assertThat(readServers(s, 10)).containsOnly(REPLICA1, REPLICA2);
        } finally {
            cluster.startReplication(replica1);
        }
    }

    @Test
    void aLaggingReplicaIsExcludedAndReadmittedOnceCaughtUp() throws SQLException {
        MariaDbServer replica1 = cluster.replica(0);
        try (Connection c = sidecar.connect(); Statement s = c.createStatement()) {
            // Apply every event 4 s late: Seconds_Behind_Master climbs past max_replication_lag (1 s).
            replica1.execute("STOP SLAVE", "CHANGE MASTER TO MASTER_DELAY = 4", "START SLAVE");
            s.executeUpdate("INSERT INTO t (v) VALUES (1)");
            awaitState(s, "ds0.replica1", "lagging", Duration.ofSeconds(5));
            assertThat(readServers(s, 10)).containsOnly(REPLICA2);
            replica1.execute("STOP SLAVE", "CHANGE MASTER TO MASTER_DELAY = 0", "START SLAVE");
            awaitState(s, "ds0.replica1", "up", Duration.ofSeconds(10));
            assertThat(readServers(s, 10)).containsOnly(REPLICA1, REPLICA2);
        } finally {
            replica1.execute("STOP SLAVE", "CHANGE MASTER TO MASTER_DELAY = 0", "START SLAVE");
        }
    }

    @Test
    void aDeadPrimaryFailsWritesFastWithAClearErrorWhileReplicasServeReads() throws Exception {
        MariaDbServer primary = cluster.primary();
        try (Connection c = sidecar.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO t (v) VALUES (2)");
            // Replication is asynchronous: a write the replicas never received would (rightly, under
            // session consistency) keep this session's reads off them once the primary is gone.
            cluster.awaitReplicasCaughtUp();
            primary.kill();
            long first = System.nanoTime();
            assertThatThrownBy(() -> s.executeUpdate("INSERT INTO t (v) VALUES (3)")).isInstanceOf(SQLException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - first)).isLessThan(Duration.ofMillis(1500));
            awaitState(s, "ds0", "down", Duration.ofSeconds(2));
            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                assertThatThrownBy(() -> s.executeUpdate("INSERT INTO t (v) VALUES (4)"))
                        .isInstanceOfSatisfying(SQLException.class, e -> {
                            assertThat(e.getErrorCode()).isEqualTo(1429);
                            assertThat(e.getMessage()).contains("primary 'ds0'").contains("is down");
                        });
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500)); // no connect attempt
            }
            assertThat(readServers(s, 6)).containsOnly(REPLICA1, REPLICA2); // reads go on
            primary.start();
            awaitState(s, "ds0", "up", Duration.ofSeconds(5));
            assertThat(s.executeUpdate("INSERT INTO t (v) VALUES (5)")).isEqualTo(1);
        } finally {
            if (!primary.isRunning()) primary.start();
            cluster.awaitReplicationRunning(Duration.ofSeconds(20));
            cluster.awaitReplicasCaughtUp(Duration.ofSeconds(20));
        }
    }

    @Test
    void aHungPrimaryAbortsTheStatementWaitingOnItAndRecoversWhenItAnswers() throws Exception {
        MariaDbServer primary = cluster.primary();
        try (Connection c = sidecar.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO t (v) VALUES (6)");
            primary.freeze(); // TCP still accepts, nothing answers: the worst case for a proxy
            long start = System.nanoTime();
            assertThatThrownBy(() -> s.executeUpdate("INSERT INTO t (v) VALUES (7)")).isInstanceOf(SQLException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            primary.thaw();
            awaitState(s, "ds0", "up", Duration.ofSeconds(5));
            assertThat(s.executeUpdate("INSERT INTO t (v) VALUES (8)")).isEqualTo(1);
        } finally {
            primary.thaw();
            cluster.awaitReplicationRunning(Duration.ofSeconds(20));
        }
    }

    private static Set<Integer> readServers(Statement s, int reads) throws SQLException {
        Set<Integer> servers = new TreeSet<>();
        for (int i = 0; i < reads; i++) servers.add(serverId(s, "SELECT @@server_id"));
        return servers;
    }

    /** member → state, from SHOW DBMESH REPLICAS through the sidecar. */
    private static Map<String, String[]> replicas(Statement s) throws SQLException {
        Map<String, String[]> out = new LinkedHashMap<>();
        try (ResultSet rs = s.executeQuery("SHOW DBMESH REPLICAS")) {
            while (rs.next()) out.put(rs.getString("member"), new String[]{rs.getString("state"), rs.getString("last_error")});
        }
        return out;
    }

    private static String lastError(Statement s, String member) throws SQLException {
        return replicas(s).get(member)[1];
    }

    private static void awaitState(Statement s, String member, String state, Duration timeout) throws SQLException {
        await(member + " becomes " + state).atMost(timeout).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
            String[] now = replicas(s).get(member);
            assertThat(now[0]).as(member + " (" + now[1] + ")").isEqualTo(state);
        });
    }
}
