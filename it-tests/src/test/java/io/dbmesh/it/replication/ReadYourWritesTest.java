package io.dbmesh.it.replication;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code session} consistency: a session always reads what it just wrote, even while one replica
 * has stopped applying changes, and still reads from replicas when they have caught up.
 */
class ReadYourWritesTest {
    private static final int ITERATIONS = Integer.getInteger("dbmesh.it.ryw.iterations", 10_000);
    private static ReplicationCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = ReplicatedSidecar.startCluster("CREATE TABLE rw_app.events (id INT PRIMARY KEY, v INT NOT NULL)");
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) cluster.close();
    }

    /**
     * The checker probes once an hour: only its probe at start-up runs (with a generous timeout, so
     * that a loaded machine still sees both replicas up), it never takes the stopped replica out,
     * and it never clears a timed-out GTID wait either. A replica on which a wait timed out is
     * skipped for that position and every later one until its next probe, by design (README,
     * "Consistency": the stopped replica costs one timeout, not one per read). So with a realistic
     * 50 ms wait, one slow apply on the healthy replica (a loaded CI machine takes longer than that
     * now and then) would send every later read to the primary, and the test could not show the
     * healthy replica serving reads. 5 s is far beyond the apply time of one small row, and the
     * stopped replica costs it about once per test.
     */
    private static final String RARE_CHECKS = """
                gtid_wait_timeout: 5s
                health_check: { interval: 1h, timeout: 10s }
            """;

    /**
     * The checker never takes the stopped replica out: every read that lands there must be saved by
     * the GTID wait (timing out, then the primary).
     */
    @Test
    void noStaleReadWhileAReplicaStoppedApplyingAndTheCheckerHasNotNoticed() throws SQLException {
        Map<Integer, Integer> servedBy = writeThenReadLoop(RARE_CHECKS, 0);
        assertThat(servedBy).as("reads per server_id").containsKey(3); // the healthy replica served reads
    }

    /** The usual set-up: the checker takes the stopped replica out within its interval. */
    @Test
    void noStaleReadWithTheCheckerRunning() throws SQLException {
        String options = """
                    gtid_wait_timeout: 50ms
                    health_check: { interval: 200ms, timeout: 500ms }
                """;
        Map<Integer, Integer> servedBy = writeThenReadLoop(options, 1_000_000);
        assertThat(servedBy).containsKey(3);
    }

    /** Several sessions at once, each reading its own writes while others write too. */
    @Test
    void noStaleReadForConcurrentSessions() throws Exception {
        int sessions = 4;
        int iterations = Math.max(1, ITERATIONS / 8);
        MariaDbServer stopped = cluster.replica(0);
        Map<Integer, Integer> servedBy = new java.util.concurrent.ConcurrentSkipListMap<>();
        try (ReplicatedSidecar sidecar = new ReplicatedSidecar(cluster, RARE_CHECKS, "session")) {
            try (Connection c = sidecar.connect()) {
                awaitBothReplicasInReadPool(c);
            }
            cluster.stopSqlThread(stopped);
            List<Future<?>> done = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(sessions);
            try {
                for (int n = 0; n < sessions; n++) {
                    int base = 2_000_000 + n * 100_000;
                    done.add(pool.submit(() -> {
                        try (Connection c = sidecar.connect();
                             PreparedStatement insert = c.prepareStatement("INSERT INTO events VALUES (?, ?)");
                             PreparedStatement read = c.prepareStatement("SELECT v, @@server_id FROM events WHERE id = ?")) {
                            for (int i = 0; i < iterations; i++) {
                                insert.setInt(1, base + i);
                                insert.setInt(2, i);
                                insert.executeUpdate();
                                read.setInt(1, base + i);
                                try (ResultSet rs = read.executeQuery()) {
                                    assertThat(rs.next()).as("row %d visible to the session that wrote it", base + i).isTrue();
                                    assertThat(rs.getInt(1)).isEqualTo(i);
                                    servedBy.merge(rs.getInt(2), 1, Integer::sum);
                                }
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) f.get();
            } finally {
                pool.shutdownNow();
            }
        } finally {
            cluster.startSqlThread(stopped);
            cluster.awaitReplicasCaughtUp();
        }
        System.out.println("read-your-writes, " + sessions + " sessions: reads per server_id " + servedBy);
        assertThat(servedBy).doesNotContainKey(2).containsKey(3);
    }

    /** Writes row i, reads it back at once, {@link #ITERATIONS} times, with replica 1 not applying. */
    private Map<Integer, Integer> writeThenReadLoop(String options, int idBase) throws SQLException {
        Map<Integer, Integer> servedBy = new TreeMap<>();
        MariaDbServer stopped = cluster.replica(0);
        try (ReplicatedSidecar sidecar = new ReplicatedSidecar(cluster, options, "session");
             Connection c = sidecar.connect();
             PreparedStatement insert = c.prepareStatement("INSERT INTO events VALUES (?, ?)");
             PreparedStatement update = c.prepareStatement("UPDATE events SET v = ? WHERE id = ?");
             PreparedStatement read = c.prepareStatement("SELECT v, @@server_id FROM events WHERE id = ?")) {
            awaitBothReplicasInReadPool(c);
            cluster.stopSqlThread(stopped);
            for (int i = 0; i < ITERATIONS; i++) {
                int id = idBase + i / 2;
                if (i % 2 == 0) {
                    insert.setInt(1, id);
                    insert.setInt(2, i);
                    insert.executeUpdate();
                } else {
                    update.setInt(1, i);
                    update.setInt(2, id);
                    update.executeUpdate();
                }
                read.setInt(1, id);
                try (ResultSet rs = read.executeQuery()) {
                    assertThat(rs.next()).as("row %d written in iteration %d is visible", id, i).isTrue();
                    int server = rs.getInt(2);
                    assertThat(rs.getInt(1)).as("value written in iteration %d, read on server %d", i, server).isEqualTo(i);
                    servedBy.merge(server, 1, Integer::sum);
                }
            }
        } finally {
            cluster.startSqlThread(stopped);
            cluster.awaitReplicasCaughtUp();
        }
        assertThat(servedBy).doesNotContainKey(2); // the stopped replica never answered with stale data
        System.out.println("read-your-writes: reads per server_id " + servedBy);
        return servedBy;
    }

    /**
     * Before the measured loop: both replicas are in the read pool (the health checker has seen them
     * up). A replica that is not, e.g. because its probe at start-up timed out on a loaded machine,
     * serves no reads, and the loop would then show nothing about replicas.
     */
    private static void awaitBothReplicasInReadPool(Connection c) throws SQLException {
        await("both replicas in the read pool").atMost(java.time.Duration.ofSeconds(30))
                .until(() -> replicaStates(c).values().stream().allMatch(state -> state.startsWith("up")));
        Map<String, String> states = replicaStates(c);
        assertThat(states).as("replica states (SHOW DBMESH REPLICAS) before the loop").hasSize(2)
                .allSatisfy((member, state) -> assertThat(state).startsWith("up"));
    }

    /** replica member → "state (last error)" from SHOW DBMESH REPLICAS through the sidecar. */
    private static Map<String, String> replicaStates(Connection c) throws SQLException {
        Map<String, String> states = new TreeMap<>();
        try (java.sql.Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW DBMESH REPLICAS")) {
            while (rs.next()) {
                if (rs.getString("role").equals("replica")) {
                    states.put(rs.getString("member"), rs.getString("state") + " (" + rs.getString("last_error") + ")");
                }
            }
        }
        return states;
    }
}
