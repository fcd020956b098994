package io.dbmesh.it.replication;

import io.dbmesh.proxy.Sidecar;
import io.dbmesh.proxy.config.ConfigLoader;
import io.dbmesh.proxy.config.DbmeshConfig;
import io.dbmesh.proxy.config.EnvSubstitution;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.awaitility.Awaitility.await;

/**
 * Sharding and read/write splitting together, on the shipped orders example: each of its two data
 * sources becomes a replica group (the cluster's primary and both replicas, one physical database
 * per shard), so every shard has a primary and replicas.
 */
class ShardedReplicasTest {
    private static ReplicationCluster cluster;
    private static Sidecar sidecar;

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(ReplicationCluster.available(), "mariadbd not installed");
        cluster = ReplicationCluster.start(2);
        String yaml = withReplicas(resource("conf/examples/orders.yaml"));
        DbmeshConfig config = new ConfigLoader(new EnvSubstitution(Map.of(
                "DS0_URL", cluster.primary().jdbcUrl("orders_ds0"),
                "DS1_URL", cluster.primary().jdbcUrl("orders_ds1"))::get)).parse(yaml, "orders+replicas.yaml", Path.of("."));
        assertThat(config.replicaGroups()).containsOnlyKeys("ds_0", "ds_1");
        sidecar = Sidecar.start(config); // creates orders_ds0/1 and the shard tables on the primary
        cluster.awaitReplicasCaughtUp();
    }

    /** The example, with replicas (on the cluster's replicas) added to both data sources and an ephemeral port. */
    private static String withReplicas(String orders) {
        String out = orders.replace("port: 3307", "port: 0").replace("port: ${DBMESH_ADMIN_PORT:9307}", "port: 0");
        for (int shard = 0; shard < 2; shard++) {
            String anchor = "    password: \"${DS" + shard + "_PASSWORD:}\"\n";
            assertThat(out).as("orders.yaml still declares ds_%d as expected", shard).contains(anchor);
            out = out.replace(anchor, anchor
                    + "    replicas: [\"" + cluster.replica(0).jdbcUrl("orders_ds" + shard) + "\", \""
                    + cluster.replica(1).jdbcUrl("orders_ds" + shard) + "\"]\n"
                    + "    health_check: { interval: 200ms, timeout: 500ms }\n");
        }
        return out;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ShardedReplicasTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @AfterAll
    static void stop() {
        if (sidecar != null) sidecar.close();
        if (cluster != null) cluster.close();
    }

    @Test
    void shardedWritesGoToPrimariesAndShardedReadsToReplicasWithReadYourWrites() throws SQLException {
        try (Connection c = DriverManager.getConnection(sidecar.jdbcUrl("orders"), "root", "");
             Statement s = c.createStatement()) {
            for (int user = 1; user <= 8; user++) {
                s.executeUpdate("INSERT INTO t_user (user_id, name, region_id) VALUES (" + user + ", 'u" + user + "', 1)");
                // read-your-writes on the shard the row went to
                try (ResultSet rs = s.executeQuery("SELECT name, @@server_id FROM t_user WHERE user_id = " + user)) {
                    assertThat(rs.next()).as("user %d visible right after its insert", user).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("u" + user);
                }
            }
            // every shard's rows are on the primary (server 1): written there
            try (Connection direct = cluster.primary().connect(); Statement d = direct.createStatement();
                 ResultSet rs = d.executeQuery("SELECT (SELECT COUNT(*) FROM orders_ds0.t_user_0) + (SELECT COUNT(*) FROM orders_ds0.t_user_1)"
                         + " + (SELECT COUNT(*) FROM orders_ds1.t_user_0) + (SELECT COUNT(*) FROM orders_ds1.t_user_1)")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(8);
            }
            cluster.awaitReplicasCaughtUp();
            // scatter reads are answered by replicas: the physical statements carry @@server_id
            java.util.Set<Integer> servers = new java.util.TreeSet<>();
            for (int i = 0; i < 6; i++) {
                try (ResultSet rs = s.executeQuery("SELECT user_id, @@server_id FROM t_user WHERE user_id IN (1, 2)")) {
                    while (rs.next()) servers.add(rs.getInt(2));
                }
            }
            assertThat(servers).containsOnly(2, 3);
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t_user")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(8);
            }
        }
    }

    @Test
    void theSessionRouteVariableAndTheHintForceThePrimariesOfShards() throws SQLException {
        try (Connection c = DriverManager.getConnection(sidecar.jdbcUrl("orders"), "root", "");
             Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO t_user (user_id, name, region_id) VALUES (201, 'h', 3)");
            cluster.awaitReplicasCaughtUp();
            try (ResultSet rs = s.executeQuery("SELECT @@server_id FROM t_user WHERE user_id = 201")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).as("without the hint: a replica").isIn(2, 3);
            }
            try (ResultSet rs = s.executeQuery("SELECT /*+ dbmesh:primary */ @@server_id FROM t_user WHERE user_id = 201")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).as("hint").isEqualTo(1);
            }
            s.execute("SET @dbmesh_route = 'primary'");
            try (ResultSet rs = s.executeQuery("SELECT @@server_id FROM t_user WHERE user_id IN (1, 2, 201)")) {
                while (rs.next()) assertThat(rs.getInt(1)).as("session route").isEqualTo(1);
            }
        }
    }

    @Test
    void shardedReadsSurviveAReplicaThatDies() throws SQLException {
        MariaDbServer replica2 = cluster.replica(1);
        try (Connection c = DriverManager.getConnection(sidecar.jdbcUrl("orders"), "root", "");
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t_user")) {
                assertThat(rs.next()).isTrue();
            }
            replica2.kill();
            for (int i = 0; i < 10; i++) {
                try (ResultSet rs = s.executeQuery("SELECT user_id, @@server_id FROM t_user")) {
                    while (rs.next()) assertThat(rs.getInt(2)).isNotEqualTo(3);
                }
            }
        } finally {
            replica2.start();
            cluster.awaitReplicationRunning(java.time.Duration.ofSeconds(20));
            cluster.awaitReplicasCaughtUp();
            awaitAllUp();
        }
    }

    private static void awaitAllUp() throws SQLException {
        try (Connection c = DriverManager.getConnection(sidecar.jdbcUrl("orders"), "root", "");
             Statement s = c.createStatement()) {
            await("members up again").atMost(java.time.Duration.ofSeconds(10)).until(() -> {
                boolean allUp = true;
                try (ResultSet rs = s.executeQuery("SHOW DBMESH REPLICAS")) {
                    while (rs.next()) allUp &= rs.getString("state").equals("up");
                }
                return allUp;
            });
        }
    }

    @Test
    void shardedTransactionsStayOnThePrimaries() throws SQLException {
        try (Connection c = DriverManager.getConnection(sidecar.jdbcUrl("orders"), "root", "");
             Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.executeUpdate("INSERT INTO t_user (user_id, name, region_id) VALUES (101, 'tx', 2)");
            try (ResultSet rs = s.executeQuery("SELECT @@server_id, name FROM t_user WHERE user_id = 101")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            c.commit();
        }
    }

    /** BEGIN touches no backend (local mode opens each shard lazily): the first read of a shard still joins it on its primary. */
    @Test
    void readsAfterBeginGoToThePrimariesThoughBeginSentNothing() throws SQLException {
        try (Connection c = DriverManager.getConnection(sidecar.jdbcUrl("orders"), "root", "");
             Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO t_user (user_id, name, region_id) VALUES (301, 'a', 1), (302, 'b', 1), (303, 'c', 1), (304, 'd', 1)");
            s.execute("BEGIN");
            int rows = 0;
            try (ResultSet rs = s.executeQuery("SELECT user_id, @@server_id FROM t_user WHERE user_id BETWEEN 301 AND 304")) {
                for (; rs.next(); rows++) assertThat(rs.getInt(2)).as("user %d read in the transaction", rs.getInt(1)).isEqualTo(1);
            }
            assertThat(rows).isEqualTo(4);
            s.execute("COMMIT");
            s.executeUpdate("DELETE FROM t_user WHERE user_id BETWEEN 301 AND 304");
        }
    }

    @Test
    void showDbmeshReplicasListsBothShardGroups() throws SQLException {
        awaitAllUp();
        try (Connection c = DriverManager.getConnection(sidecar.jdbcUrl("orders"), "root", "");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW DBMESH REPLICAS")) {
            List<String> groups = new java.util.ArrayList<>();
            while (rs.next()) groups.add(rs.getString("group") + "/" + rs.getString("role") + "/" + rs.getString("state"));
            assertThat(groups).containsExactly("ds_0/primary/up", "ds_0/replica/up", "ds_0/replica/up",
                    "ds_1/primary/up", "ds_1/replica/up", "ds_1/replica/up");
        }
    }
}
