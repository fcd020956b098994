package io.dbmesh.it;

import io.dbmesh.it.replication.MariaDbServer;
import io.dbmesh.it.replication.ReplicationCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where end-to-end tests find real MariaDB servers (no Docker on our machines, so no
 * Testcontainers):
 * <ul>
 *   <li>{@link #shared()}: the developer's/CI's server at 127.0.0.1:3306 (root, empty password) when
 *       it answers; otherwise one {@code mariadbd} started for this JVM on a free port. Override
 *       with {@code DBMESH_IT_MARIADB=host:port[:user[:password]]}.</li>
 *   <li>{@link #startInstance}: an extra {@code mariadbd} with its own data directory and port (for
 *       shards; replication uses {@link ReplicationCluster}), with any extra server options
 *       ({@code --server-id=…}, {@code --log-bin}, GTID settings). The caller closes it; whatever is
 *       left is stopped when the JVM exits.</li>
 * </ul>
 */
public final class MariaDbServers {
    private static final AtomicInteger SERVER_IDS = new AtomicInteger(100);
    private static MariaDbInstance shared;

    private MariaDbServers() {
    }

    /** The backend most tests use; started on first use if nothing listens on 3306. */
    public static synchronized MariaDbInstance shared() {
        if (shared == null) {
            shared = locateOrStart();
        }
        return shared;
    }

    private static MariaDbInstance locateOrStart() {
        String override = System.getenv("DBMESH_IT_MARIADB");
        if (override != null && !override.isBlank()) {
            String[] parts = override.split(":", 4);
            MariaDbInstance configured = new MariaDbInstance(parts[0], Integer.parseInt(parts[1]),
                    parts.length > 2 ? parts[2] : "root", parts.length > 3 ? parts[3] : "");
            if (!configured.reachable()) {
                throw new IllegalStateException("DBMESH_IT_MARIADB=" + configured + " does not answer");
            }
            return configured;
        }
        MariaDbInstance local = new MariaDbInstance("127.0.0.1", 3306, "root", "");
        if (local.reachable()) {
            return local;
        }
        if (!ReplicationCluster.available()) {
            throw new IllegalStateException("no MariaDB answers at 127.0.0.1:3306 and no mariadbd is installed to start"
                    + " one: install mariadb-server (see .ci/run)");
        }
        MariaDbServer server = startServer("shared", List.of());
        return new MariaDbInstance("127.0.0.1", server.port(), "root", "");
    }

    /**
     * Installs and starts a fresh server (a couple of seconds). It runs with binary logging and GTIDs
     * already (see {@link MariaDbServer}); {@code extraOptions} are appended to its command line.
     */
    public static Started startInstance(String name, List<String> extraOptions) {
        MariaDbServer server = startServer(name, extraOptions);
        return new Started(server, new MariaDbInstance("127.0.0.1", server.port(), "root", ""));
    }

    /** A started extra server: {@link #instance()} to use it, {@link #server()} to stop/kill/freeze it. */
    public record Started(MariaDbServer server, MariaDbInstance instance) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
        }
    }

    private static MariaDbServer startServer(String name, List<String> extraOptions) {
        Path dir;
        try {
            dir = Files.createTempDirectory("dbmesh-it-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MariaDbServer server = MariaDbServer.install(name, dir.resolve("data"), SERVER_IDS.incrementAndGet(), extraOptions);
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            deleteQuietly(dir);
        }, "stop-" + name));
        return server;
    }

    private static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temporary directory: best effort
        }
    }
}
