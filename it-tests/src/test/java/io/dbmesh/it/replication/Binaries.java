package io.dbmesh.it.replication;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the machine's MariaDB server binaries: a system property
 * ({@code -Ddbmesh.it.mariadb.bin=/opt/mariadb/bin}) first, then PATH, then the usual Debian/RPM
 * places ({@code mariadbd} lives in /usr/sbin, which is not on a normal user's PATH).
 */
final class Binaries {
    private Binaries() {
    }

    static String mariadbd() {
        return find("mariadbd", "mysqld");
    }

    static String installDb() {
        return find("mariadb-install-db", "mysql_install_db");
    }

    /** True when replication tests can run on this machine. */
    static boolean available() {
        try {
            mariadbd();
            installDb();
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private static String find(String... names) {
        List<Path> dirs = new ArrayList<>();
        String configured = System.getProperty("dbmesh.it.mariadb.bin");
        if (configured != null) dirs.add(Path.of(configured));
        for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!entry.isEmpty()) dirs.add(Path.of(entry));
        }
        for (String dir : List.of("/usr/sbin", "/usr/bin", "/usr/local/bin", "/usr/local/mysql/bin", "/opt/mariadb/bin")) {
            dirs.add(Path.of(dir));
        }
        for (String name : names) {
            for (Path dir : dirs) {
                Path candidate = dir.resolve(name);
                if (Files.isExecutable(candidate)) return candidate.toString();
            }
        }
        throw new IllegalStateException("no " + String.join("/", names) + " found on PATH, in /usr/sbin or in"
                + " -Ddbmesh.it.mariadb.bin; install mariadb-server to run replication tests");
    }
}
