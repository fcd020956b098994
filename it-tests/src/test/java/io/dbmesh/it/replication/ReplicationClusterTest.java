package io.dbmesh.it.replication;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The harness itself: real GTID replication between three mariadbd processes. */
class ReplicationClusterTest {
    private static ReplicationCluster cluster;

    @BeforeAll
    static void startCluster() {
        assumeTrue(ReplicationCluster.available(), "mariadbd not installed");
        cluster = ReplicationCluster.start(2);
        cluster.primary().execute("CREATE DATABASE rw_harness", "CREATE TABLE rw_harness.t (id INT PRIMARY KEY)");
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) cluster.close();
    }

    @Test
    void replicasApplyWhatThePrimaryWrites() throws SQLException {
        cluster.primary().execute("INSERT INTO rw_harness.t VALUES (1)");
        cluster.awaitReplicasCaughtUp();
        for (MariaDbServer replica : cluster.replicas()) {
            assertThat(count(replica, "SELECT COUNT(*) FROM rw_harness.t WHERE id = 1")).isEqualTo(1);
            assertThat(count(replica, "SELECT @@server_id")).isEqualTo(replica.serverId());
            assertThat(count(replica, "SELECT @@read_only")).isEqualTo(1);
        }
        assertThat(count(cluster.primary(), "SELECT @@read_only")).isZero();
    }

    @Test
    void aStoppedSqlThreadLeavesTheReplicaBehindUntilRestarted() throws SQLException {
        MariaDbServer replica = cluster.replica(1);
        cluster.stopSqlThread(replica);
        try {
            cluster.primary().execute("INSERT INTO rw_harness.t VALUES (2)");
            cluster.awaitCaughtUp(cluster.replica(0), Duration.ofSeconds(10));
            assertThat(count(replica, "SELECT COUNT(*) FROM rw_harness.t WHERE id = 2")).isZero();
            assertThat(cluster.slaveStatus(replica)).contains("sql=No");
        } finally {
            cluster.startSqlThread(replica);
        }
        cluster.awaitCaughtUp(replica, Duration.ofSeconds(10));
        assertThat(count(replica, "SELECT COUNT(*) FROM rw_harness.t WHERE id = 2")).isEqualTo(1);
    }

    @Test
    void replicasFollowThePrimaryAcrossARestart() throws SQLException {
        cluster.primary().stop();
        assertThatThrownBy(() -> cluster.primary().connect().close()).isInstanceOf(SQLException.class);
        cluster.primary().start();
        cluster.primary().execute("INSERT INTO rw_harness.t VALUES (3)");
        cluster.awaitReplicasCaughtUp(Duration.ofSeconds(20));
        for (MariaDbServer replica : cluster.replicas()) {
            assertThat(count(replica, "SELECT COUNT(*) FROM rw_harness.t WHERE id = 3")).isEqualTo(1);
        }
    }

    private static long count(MariaDbServer server, String sql) throws SQLException {
        try (Connection c = server.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
