package io.dbmesh.it.differential;

import io.dbmesh.it.MariaDbInstance;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The physical databases of one differential run, named {@code diff<pid>_<role>}: several
 * engineers (and CI) run the suite at once against the same shared MariaDB, and one run's
 * DROP TABLE must never hit another run's tables. Databases of runs whose JVM is gone are dropped
 * at start; a run drops its own at the end.
 */
final class DiffDatabases {
    private static final Pattern RUN_DATABASE = Pattern.compile("diff(\\d+)_\\w+");

    private final MariaDbInstance server;
    private final String prefix;
    private final List<String> created = new ArrayList<>();

    DiffDatabases(MariaDbInstance server) {
        this.server = server;
        this.prefix = "diff" + ProcessHandle.current().pid() + "_";
    }

    /** This run's physical database for {@code role}, e.g. {@code single} → {@code diff1234_single}. */
    String name(String role) {
        return prefix + role;
    }

    /** Drops and creates this run's databases for {@code roles}, all with utf8mb4_general_ci. */
    void recreate(String... roles) {
        for (String role : roles) {
            String db = name(role);
            server.execute("DROP DATABASE IF EXISTS " + db,
                    "CREATE DATABASE " + db + " CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci");
            created.add(db);
        }
    }

    /** Drops databases left behind by runs whose process no longer exists. */
    void dropAbandoned() throws SQLException {
        List<String> abandoned = new ArrayList<>();
        try (Connection c = server.connect(""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW DATABASES LIKE 'diff%'")) {
            while (rs.next()) {
                Matcher m = RUN_DATABASE.matcher(rs.getString(1));
                if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
                    abandoned.add(rs.getString(1));
                }
            }
        }
        for (String db : abandoned) {
            server.execute("DROP DATABASE IF EXISTS " + db);
        }
    }

    void dropAll() {
        for (String db : created) {
            server.execute("DROP DATABASE IF EXISTS " + db);
        }
        created.clear();
    }
}
