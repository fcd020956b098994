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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where statements run through the sidecar in front of a real primary and two real replicas,
 * told apart by {@code @@server_id} (primary 1, replicas 2 and 3).
 */
class ReadWriteSplittingTest {
    static final String GROUP_OPTIONS = """
                load_balancing: round_robin
                max_replication_lag: 1s
                gtid_wait_timeout: 100ms
                health_check: { interval: 200ms, timeout: 500ms, failure_threshold: 2, recovery_threshold: 1 }
            """;
    private static final int PRIMARY = 1;
    private static ReplicationCluster cluster;
    private ReplicatedSidecar sidecar;

    @BeforeAll
    static void startCluster() {
        cluster = ReplicatedSidecar.startCluster("CREATE TABLE rw_app.t (id INT PRIMARY KEY, note VARCHAR(32))");
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) cluster.close();
    }

    @BeforeEach
    void startSidecar() {
        sidecar = new ReplicatedSidecar(cluster, GROUP_OPTIONS, "session");
    }

    @AfterEach
    void stopSidecar() {
        sidecar.close();
    }

    @Test
    void plainReadsSpreadOverTheReplicas() throws SQLException {
        Map<Integer, Integer> servedBy = new LinkedHashMap<>();
        try (Connection c = sidecar.connect(); Statement s = c.createStatement()) {
            for (int i = 0; i < 20; i++) servedBy.merge(serverId(s, "SELECT @@server_id"), 1, Integer::sum);
        }
        assertThat(servedBy).containsOnlyKeys(2, 3);
        assertThat(servedBy.get(2)).isBetween(8, 12); // round robin (exactly 10 unless a probe hiccups)
    }

    @Test
    void writesLockingReadsAndSessionFunctionsGoToThePrimary() throws SQLException {
        try (Connection c = sidecar.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO t VALUES (1000, CAST(@@server_id AS CHAR))");
            try (Connection direct = cluster.primary().connect("rw_app"); Statement d = direct.createStatement();
                 ResultSet rs = d.executeQuery("SELECT note FROM t WHERE id = 1000")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("1");
            }
            assertThat(serverId(s, "SELECT @@server_id FROM t WHERE id = 1000 FOR UPDATE")).isEqualTo(PRIMARY);
            assertThat(serverId(s, "SELECT @@server_id FROM t WHERE id = 1000 LOCK IN SHARE MODE")).isEqualTo(PRIMARY);
            assertThat(serverId(s, "SELECT @@server_id + 0 * GET_LOCK('rw', 1)")).isEqualTo(PRIMARY);
            assertThat(serverId(s, "SELECT @@server_id + 0 * RELEASE_LOCK('rw')")).isEqualTo(PRIMARY);
            assertThat(serverId(s, "SELECT @@server_id + 0 * ROW_COUNT()")).isEqualTo(PRIMARY);
            s.executeUpdate("DELETE FROM t WHERE id = 1000");
        }
    }

    @Test
    void everythingInATransactionGoesToThePrimary() throws SQLException {
        try (Connection c = sidecar.connect(); Statement s = c.createStatement()) {
            s.execute("START TRANSACTION");
            assertThat(serverId(s, "SELECT @@server_id")).isEqualTo(PRIMARY);
            assertThat(serverId(s, "SELECT @@server_id")).isEqualTo(PRIMARY);
            s.execute("COMMIT");
            c.setAutoCommit(false);
            assertThat(serverId(s, "SELECT @@server_id")).isEqualTo(PRIMARY);
            c.commit();
            assertThat(serverId(s, "SELECT @@server_id")).isEqualTo(PRIMARY);
            c.setAutoCommit(true);
            assertThat(serverId(s, "SELECT @@server_id")).isNotEqualTo(PRIMARY);
        }
    }

    @Test
    void aHintOrTheSessionVariableForcesThePrimary() throws SQLException {
        try (Connection c = sidecar.connect(); Statement s = c.createStatement()) {
            assertThat(serverId(s, "SELECT /*+ dbmesh:primary */ @@server_id")).isEqualTo(PRIMARY);
            s.execute("SET @dbmesh_route = 'primary'");
            for (int i = 0; i < 4; i++) assertThat(serverId(s, "SELECT @@server_id")).isEqualTo(PRIMARY);
            s.execute("SET @dbmesh_route = 'auto'");
            assertThat(serverId(s, "SELECT @@server_id")).isNotEqualTo(PRIMARY);
        }
    }

    @Test
    void aReadOnlyTransactionStaysOnOneReplica() throws SQLException {
        try (Connection c = sidecar.connect(); Statement s = c.createStatement()) {
            s.execute("START TRANSACTION READ ONLY");
            int first = serverId(s, "SELECT @@server_id");
            assertThat(first).isNotEqualTo(PRIMARY);
            for (int i = 0; i < 5; i++) assertThat(serverId(s, "SELECT @@server_id")).isEqualTo(first);
            s.execute("COMMIT");
        }
    }

    @Test
    void showDbmeshReplicasListsEveryMember() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = sidecar.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW DBMESH REPLICAS")) {
            while (rs.next()) {
                rows.add(rs.getString("member") + " " + rs.getString("role") + " " + rs.getString("state")
                        + " " + rs.getString("lag_seconds"));
            }
        }
        assertThat(rows).containsExactly("ds0 primary up null", "ds0.replica1 replica up 0", "ds0.replica2 replica up 0");
    }

    @Test
    void preparedStatementsAreSplitToo() throws SQLException {
        try (Connection c = java.sql.DriverManager.getConnection(sidecar.jdbcUrl() + "?useServerPrepStmts=true", "root", "");
             var ps = c.prepareStatement("SELECT @@server_id + ?")) {
            Set<Integer> ids = new HashSet<>();
            for (int i = 0; i < 6; i++) {
                ps.setInt(1, 0);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    ids.add(rs.getInt(1));
                }
            }
            assertThat(ids).containsOnly(2, 3);
        }
    }

    static int serverId(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getInt(1);
        }
    }
}
