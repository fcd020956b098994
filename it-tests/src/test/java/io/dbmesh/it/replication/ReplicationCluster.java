package io.dbmesh.it.replication;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A MariaDB primary and N replicas replicating from it with GTIDs, each a separate
 * {@code mariadbd} (see {@link MariaDbServer}), all under one /tmp directory that {@link #close()}
 * deletes (unless {@code -Ddbmesh.it.keep=true}: then the logs stay for debugging). Replicas run {@code read_only} like real ones and reconnect to the primary every second,
 * so a primary restart heals replication quickly.
 *
 * <pre>{@code
 * try (ReplicationCluster cluster = ReplicationCluster.start(2)) {
 *     cluster.primary().execute("CREATE DATABASE rw_demo");
 *     cluster.awaitReplicasCaughtUp();
 * }
 * }</pre>
 */
public final class ReplicationCluster implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReplicationCluster.class);
    private static final Path BASE = Path.of(System.getProperty("java.io.tmpdir"));
    static final String REPL_USER = "dbmesh_repl";
    static final String REPL_PASSWORD = "dbmesh_repl_pw";
    /** The common pool has one worker on a 2-core machine; these tasks mostly wait on processes. */
    private static final Executor PARALLEL = task -> Thread.ofVirtual().start(task);

    private final Path root;
    private final MariaDbServer primary;
    private final List<MariaDbServer> replicas;
    private final Thread shutdownHook;

    private ReplicationCluster(Path root, MariaDbServer primary, List<MariaDbServer> replicas) {
        this.root = root;
        this.primary = primary;
        this.replicas = List.copyOf(replicas);
        this.shutdownHook = new Thread(this::destroy, "replication-cluster-cleanup");
    }

    /** True when mariadbd and mariadb-install-db are on this machine (tests skip otherwise). */
    public static boolean available() {
        return Binaries.available();
    }

    /** Installs, starts and wires up a primary and {@code replicaCount} replicas (a few seconds). */
    public static ReplicationCluster start(int replicaCount) {
        Path root;
        try {
            root = Files.createTempDirectory(BASE, "dbmesh-it-repl-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // mariadb-install-db is mostly waiting on the disk: install all data directories at once.
        CompletableFuture<MariaDbServer> primaryFuture = CompletableFuture.supplyAsync(
                () -> MariaDbServer.install("primary", root.resolve("primary"), 1, List.of()), PARALLEL);
        List<CompletableFuture<MariaDbServer>> replicaFutures = new ArrayList<>();
        for (int i = 0; i < replicaCount; i++) {
            int n = i + 1;
            replicaFutures.add(CompletableFuture.supplyAsync(() -> MariaDbServer.install("replica" + n,
                    root.resolve("replica" + n), 1 + n, List.of("--read-only=1")), PARALLEL));
        }
        MariaDbServer primary;
        List<MariaDbServer> replicas;
        try {
            primary = primaryFuture.join();
            replicas = replicaFutures.stream().map(CompletableFuture::join).toList();
        } catch (RuntimeException e) {
            // nothing runs yet: wait for the other installs, then leave no files behind
            replicaFutures.forEach(f -> f.exceptionally(x -> null).join());
            primaryFuture.exceptionally(x -> null).join();
            deleteRecursively(root);
            throw e;
        }
        ReplicationCluster cluster = new ReplicationCluster(root, primary, replicas);
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        try {
            cluster.startAll();
            cluster.wireReplication();
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private void startAll() {
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        starts.add(CompletableFuture.runAsync(primary::start, PARALLEL));
        for (MariaDbServer replica : replicas) starts.add(CompletableFuture.runAsync(replica::start, PARALLEL));
        starts.forEach(CompletableFuture::join);
    }

    private void wireReplication() {
        primary.execute(
                "CREATE USER '" + REPL_USER + "'@'%' IDENTIFIED BY '" + REPL_PASSWORD + "'",
                "GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO '" + REPL_USER + "'@'%'");
        for (MariaDbServer replica : replicas) {
            replica.execute("CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=" + primary.port()
                    + ", MASTER_USER='" + REPL_USER + "', MASTER_PASSWORD='" + REPL_PASSWORD + "'"
                    + ", MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1", "START SLAVE");
        }
        awaitReplicasCaughtUp(Duration.ofSeconds(30));
        log.info("replication cluster up: primary {} replicas {} (in {})", primary, replicas, root);
    }

    public MariaDbServer primary() {
        return primary;
    }

    public List<MariaDbServer> replicas() {
        return replicas;
    }

    /** 0-based. */
    public MariaDbServer replica(int index) {
        return replicas.get(index);
    }

    /** Every server, primary first. */
    public List<MariaDbServer> servers() {
        return Stream.concat(Stream.of(primary), replicas.stream()).toList();
    }

    /** The primary's binary log position, e.g. {@code 0-1-42}. */
    public String primaryGtidPosition() {
        return queryString(primary, "SELECT @@gtid_binlog_pos");
    }

    /** Waits until every running replica with a running SQL thread applied all the primary wrote. */
    public void awaitReplicasCaughtUp() {
        awaitReplicasCaughtUp(Duration.ofSeconds(30));
    }

    public void awaitReplicasCaughtUp(Duration timeout) {
        for (MariaDbServer replica : replicas) {
            if (replica.isRunning()) awaitCaughtUp(replica, timeout);
        }
    }

    /** Waits until this replica applied everything the primary has written so far. */
    public void awaitCaughtUp(MariaDbServer replica, Duration timeout) {
        String position = primaryGtidPosition();
        if (position.isEmpty()) return;
        try (Connection c = replica.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT MASTER_GTID_WAIT('" + position + "', "
                     + timeout.toMillis() / 1000.0 + ")")) {
            rs.next();
            if (rs.getInt(1) != 0) {
                throw new IllegalStateException(replica + " did not reach " + position + " within " + timeout
                        + ": " + slaveStatus(replica));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(replica + ": " + e.getMessage(), e);
        }
    }

    /** Waits until every running replica has both replication threads running (after a primary restart). */
    public void awaitReplicationRunning(Duration timeout) {
        for (MariaDbServer replica : replicas) {
            if (!replica.isRunning()) continue;
            await(replica + " replicating").atMost(timeout)
                    .untilAsserted(() -> assertThat(slaveStatus(replica)).startsWith("io=Yes sql=Yes"));
        }
    }

    /** Stops applying events (the IO thread keeps downloading them): the replica falls behind. */
    public void stopSqlThread(MariaDbServer replica) {
        replica.execute("STOP SLAVE SQL_THREAD");
    }

    public void startSqlThread(MariaDbServer replica) {
        replica.execute("START SLAVE SQL_THREAD");
    }

    public void stopReplication(MariaDbServer replica) {
        replica.execute("STOP SLAVE");
    }

    public void startReplication(MariaDbServer replica) {
        replica.execute("START SLAVE");
    }

    /** {@code Slave_IO_Running / Slave_SQL_Running / Seconds_Behind_Master / Last_Error}, for messages. */
    public String slaveStatus(MariaDbServer replica) {
        try (Connection c = replica.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW SLAVE STATUS")) {
            if (!rs.next()) return "not a replica";
            return "io=" + rs.getString("Slave_IO_Running") + " sql=" + rs.getString("Slave_SQL_Running")
                    + " behind=" + rs.getString("Seconds_Behind_Master") + " gtid=" + rs.getString("Gtid_IO_Pos")
                    + " io_error=" + rs.getString("Last_IO_Error") + " sql_error=" + rs.getString("Last_SQL_Error");
        } catch (SQLException e) {
            return "unreachable: " + e.getMessage();
        }
    }

    private static String queryString(MariaDbServer server, String sql) {
        try (Connection c = server.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            String value = rs.getString(1);
            return value == null ? "" : value;
        } catch (SQLException e) {
            throw new IllegalStateException(server + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        destroy();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or ran: nothing left to unregister
        }
    }

    /** Kills every server (no clean shutdown: the data is thrown away anyway) and deletes the files. */
    private synchronized void destroy() {
        for (MariaDbServer server : servers()) {
            try {
                server.kill();
            } catch (RuntimeException e) {
                log.warn("could not kill {}: {}", server, e.toString());
            }
        }
        if (Boolean.getBoolean("dbmesh.it.keep")) {
            log.info("keeping data directories and logs in {} (-Ddbmesh.it.keep=true)", root);
        } else {
            deleteRecursively(root);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("could not delete {}: {}", dir, e.toString());
        }
    }
}
