package io.dbmesh.it.compat;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Flyway migrating a database with three migrations ({@code src/test/resources/compat/flyway}:
 * a table of its own, a sharded table's rows, an index and updates), then once more (nothing to do),
 * printed as canonical lines: what it applied, its history, and the data.
 */
final class FlywayScenario {

    private FlywayScenario() {
    }

    static List<String> run(String jdbcUrl) throws SQLException {
        List<String> out = new ArrayList<>();
        Flyway flyway = Flyway.configure().dataSource(jdbcUrl, "root", "").locations("classpath:compat/flyway")
                // the sharded example's tables exist before the first migration: start its history at 0
                .baselineOnMigrate(true).baselineVersion("0").load();
        out.add("first migrate: " + flyway.migrate().migrationsExecuted + " migrations");
        out.add("second migrate: " + flyway.migrate().migrationsExecuted + " migrations");
        for (MigrationInfo m : flyway.info().all()) {
            if (m.getType().isBaseline()) continue; // only where the schema was not empty
            out.add("history: " + m.getVersion() + " " + m.getDescription() + " " + m.getState());
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl, "root", ""); Statement st = c.createStatement()) {
            query(st, "SELECT id, name, email FROM compat_fw_customer ORDER BY id", out);
            query(st, "SELECT user_id, name, region_id FROM t_user WHERE user_id BETWEEN 101 AND 104 ORDER BY user_id", out);
        }
        return out;
    }

    /**
     * What Flyway says when it migrates without a baseline: it probes information_schema (tables,
     * views, constraints, triggers, routines, events of the schema) and refuses a schema that holds
     * anything; the schema's name replaced by {@code <schema>}.
     */
    static String withoutBaseline(String jdbcUrl, String schema) {
        Flyway flyway = Flyway.configure().dataSource(jdbcUrl, "root", "").locations("classpath:compat/flyway").load();
        try {
            return "migrated " + flyway.migrate().migrationsExecuted;
        } catch (org.flywaydb.core.api.FlywayException e) {
            return e.getMessage().replace(schema, "<schema>");
        }
    }

    private static void query(Statement st, String sql, List<String> out) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder("row:");
                for (int i = 1; i <= n; i++) b.append(' ').append(rs.getString(i));
                out.add(b.toString());
            }
        }
    }
}
