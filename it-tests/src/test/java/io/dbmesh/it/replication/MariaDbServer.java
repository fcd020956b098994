package io.dbmesh.it.replication;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code mariadbd} process with its own data directory under /tmp and its own port, started
 * with binary logging and GTIDs so it can be a primary or a replica. It can be stopped cleanly,
 * killed, frozen (SIGSTOP: a server that accepts TCP but never answers, the nastiest failure for
 * a proxy) and started again on the same port and data.
 *
 * <p>Every process is watched by a tiny shell loop that SIGKILLs it once this JVM is gone, so a
 * test run killed by a timeout never leaves servers behind.
 */
public final class MariaDbServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MariaDbServer.class);
    private static final boolean RUNNING_AS_ROOT = "root".equals(System.getProperty("user.name"));

    private final String name;
    private final Path dataDir;
    private final int serverId;
    /** Changes only when the first start finds its port taken (see {@link #start()}). */
    private volatile int port;
    private final List<String> extraOptions;
    /** Whether the server has ever come up; after that a restart keeps its port (configs name it). */
    private boolean started;
    private Process process;
    private Process watchdog;

    private MariaDbServer(String name, Path dataDir, int serverId, int port, List<String> extraOptions) {
        this.name = name;
        this.dataDir = dataDir;
        this.serverId = serverId;
        this.port = port;
        this.extraOptions = List.copyOf(extraOptions);
    }

    /**
     * Creates the system tables in a fresh data directory ({@code mariadb-install-db}); does not
     * start the server. Root may log in from 127.0.0.1 without a password, as on the dev machine.
     */
    public static MariaDbServer install(String name, Path dataDir, int serverId, List<String> extraOptions) {
        try {
            Files.createDirectories(dataDir.getParent());
            // Its own tmpdir: bootstraps running at once in a shared /tmp have collided on temp table files.
            Path tmp = Files.createDirectories(tmpDir(dataDir));
            List<String> cmd = new ArrayList<>(List.of(Binaries.installDb(), "--no-defaults",
                    "--datadir=" + dataDir, "--tmpdir=" + tmp, "--auth-root-authentication-method=normal",
                    "--skip-test-db", "--innodb-log-file-size=8M", "--innodb-buffer-pool-size=16M"));
            if (RUNNING_AS_ROOT) cmd.add("--user=root");
            Path installLog = dataDir.getParent().resolve(name + "-install.log");
            for (int attempt = 1; ; attempt++) {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                        .redirectOutput(installLog.toFile()).start();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) break;
                p.destroyForcibly();
                if (attempt == 2) {
                    throw new IllegalStateException("mariadb-install-db failed for " + name + ":\n"
                            + Files.readString(installLog));
                }
                deleteRecursively(dataDir);
            }
            return new MariaDbServer(name, dataDir, serverId, freePort(), extraOptions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts the process and waits until it accepts SQL. */
    /**
     * Starts the server and waits until it answers. A port picked by {@link #freePort()} is only
     * free when picked: another process (a parallel test run) may bind it before this server does.
     * On the first start that shows as this mariadbd exiting on its bind, or as another server
     * answering on the port; then a new port is picked, up to three times.
     */
    public synchronized void start() {
        if (isRunning()) return;
        for (int attempt = 1; ; attempt++) {
            try {
                startOnce();
                started = true;
                return;
            } catch (PortTakenException e) {
                if (started || attempt == 3) throw new IllegalStateException(e.getMessage());
                log.warn("{}: {}; retrying on another port", name, e.getMessage());
                kill();
                try {
                    port = freePort();
                } catch (IOException io) {
                    throw new UncheckedIOException(io);
                }
            }
        }
    }

    private void startOnce() {
        List<String> cmd = new ArrayList<>(List.of(Binaries.mariadbd(), "--no-defaults",
                "--datadir=" + dataDir,
                "--tmpdir=" + tmpDir(dataDir),
                "--port=" + port,
                "--bind-address=127.0.0.1",
                "--socket=" + dataDir.resolve("mariadbd.sock"),
                "--pid-file=" + dataDir.resolve("mariadbd.pid"),
                "--log-error=" + dataDir.resolve("mariadbd.err"),
                "--server-id=" + serverId,
                "--log-bin=binlog",
                "--relay-log=relay-bin",
                "--binlog-format=ROW",
                "--gtid-strict-mode=1",
                "--log-slave-updates=1",
                "--skip-name-resolve",
                "--skip-performance-schema",
                "--innodb-buffer-pool-size=32M",
                "--innodb-log-file-size=8M",
                // Test data is disposable: trade durability for speed on a shared 2-core machine.
                "--innodb-flush-log-at-trx-commit=2",
                "--sync-binlog=0",
                "--max-connections=500",
                // A replica notices a dead primary within seconds, not the default minute.
                "--slave-net-timeout=4"));
        if (RUNNING_AS_ROOT) cmd.add("--user=root");
        cmd.addAll(extraOptions);
        try {
            process = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("mariadbd.out").toFile()))
                    .start();
            watchdog = new ProcessBuilder("sh", "-c",
                    "while kill -0 " + ProcessHandle.current().pid() + " 2>/dev/null && kill -0 " + process.pid()
                            + " 2>/dev/null; do sleep 1; done; kill -0 " + ProcessHandle.current().pid()
                            + " 2>/dev/null || kill -9 " + process.pid())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitReady(Duration.ofSeconds(60));
        log.info("{} (server_id {}) up on port {} (pid {}, datadir {})", name, serverId, port, process.pid(), dataDir);
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String tail = errorLogTail();
                if (tail.contains("Bind on TCP/IP port") || tail.contains("Address already in use")) {
                    throw new PortTakenException(name + ": port " + port + " was taken before mariadbd bound it");
                }
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail);
            }
            try (Connection c = connect(); Statement s = c.createStatement();
                 java.sql.ResultSet rs = s.executeQuery("SELECT @@datadir")) {
                rs.next();
                // Someone else's server on our port: ours will fail its bind (or already has).
                if (!Path.of(rs.getString(1)).toAbsolutePath().normalize().equals(dataDir.toAbsolutePath().normalize())) {
                    throw new PortTakenException(name + ": port " + port + " answered by the server of " + rs.getString(1));
                }
                return;
            } catch (SQLException e) {
                last = e;
            }
            sleep(50);
        }
        throw new IllegalStateException(name + " did not accept connections within " + timeout
                + " (last: " + last + "):\n" + errorLogTail());
    }

    /** Clean shutdown (SIGTERM), SIGKILL if it takes longer than 30 s. */
    public synchronized void stop() {
        if (process == null) return;
        thaw();
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                log.warn("{} did not stop within 30 s, killing it", name);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        stopWatchdog();
        process = null;
    }

    /** Crash (SIGKILL), as a power cut would. */
    public synchronized void kill() {
        if (process == null) return;
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopWatchdog();
        process = null;
    }

    /** SIGSTOP: the port stays open, TCP connects succeed, nothing ever answers. */
    public synchronized void freeze() {
        signal("STOP");
    }

    /** SIGCONT after {@link #freeze()}. */
    public synchronized void thaw() {
        signal("CONT");
    }

    private void signal(String signal) {
        if (process == null) return;
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stopWatchdog() {
        if (watchdog != null) {
            watchdog.destroyForcibly();
            watchdog = null;
        }
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    public String name() {
        return name;
    }

    public int serverId() {
        return serverId;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** A Connector/J URL for a schema on this server ({@code ""} for none). */
    public String jdbcUrl(String schema) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + schema;
    }

    public Connection connect() throws SQLException {
        return connect("");
    }

    public Connection connect(String schema) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(schema) + "?connectTimeout=2000&socketTimeout=60000", "root", "");
    }

    /** Runs statements on a fresh connection; for set-up, not for the code under test. */
    public void execute(String... sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String statement : sql) s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(name + ": " + e.getMessage(), e);
        }
    }

    /** The last lines of the server's error log, for failure messages. */
    public String errorLogTail() {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("mariadbd.err"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no error log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return name + "@127.0.0.1:" + port;
    }

    private static Path tmpDir(Path dataDir) {
        return dataDir.resolveSibling(dataDir.getFileName() + "-tmp");
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Ports handed out in this JVM: the kernel may hand the same ephemeral port to two parallel installs. */
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static int freePort() throws IOException {
        while (true) {
            try (ServerSocket s = new ServerSocket(0)) {
                s.setReuseAddress(true);
                if (HANDED_OUT.add(s.getLocalPort())) return s.getLocalPort();
            }
        }
    }

    /** The port this server was given was bound by another process first. */
    private static final class PortTakenException extends RuntimeException {
        PortTakenException(String message) {
            super(message);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
