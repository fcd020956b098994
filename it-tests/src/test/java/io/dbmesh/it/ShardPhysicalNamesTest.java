package io.dbmesh.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No physical name reaches a client of a sharded database (issue 8): the texts of the shards'
 * errors and warnings, SHOW WARNINGS after a statement that ran on several shards (every shard's
 * warnings, as many as the client was told), SHOW PROCEDURE|FUNCTION STATUS, and the
 * information_schema tables that name tables (VIEWS with their definitions, KEY_COLUMN_USAGE,
 * TABLE_CONSTRAINTS, REFERENTIAL_CONSTRAINTS, TRIGGERS, PARTITIONS, CHECK_CONSTRAINTS), through
 * MariaDB Connector/J on the orders example, whose physical schemas and tables have other names.
 */
class ShardPhysicalNamesTest {
    private static final long PID = ProcessHandle.current().pid();
    private static final String DS0 = "names_o0_" + PID, DS1 = "names_o1_" + PID;
    private static final List<String> PHYSICAL = List.of(DS0, DS1, "t_order_0", "t_order_1", "t_user_0", "t_user_1",
            "t_order_item_0", "t_order_item_1");
    private static MariaDbInstance db;
    private static SidecarFixture sharded;

    @BeforeAll
    static void start() {
        db = MariaDbServers.shared();
        sharded = OrdersExample.start(db, DS0, DS1);
        for (String ds : List.of(DS0, DS1)) {
            // what the catalog of a sharded database holds: routines, a view, triggers, a CHECK, a foreign key
            db.execute("CREATE PROCEDURE " + ds + ".names_p() SELECT 1",
                    "CREATE FUNCTION " + ds + ".names_f() RETURNS INT RETURN 1",
                    "CREATE TRIGGER " + ds + ".names_t0 BEFORE INSERT ON " + ds + ".t_order_0 FOR EACH ROW SET NEW.status = IFNULL(NEW.status, 'new')",
                    "CREATE TRIGGER " + ds + ".names_t1 BEFORE INSERT ON " + ds + ".t_order_1 FOR EACH ROW SET NEW.status = IFNULL(NEW.status, 'new')",
                    "ALTER TABLE " + ds + ".t_order_item_0 ADD CONSTRAINT names_qty CHECK (qty >= 0)",
                    "ALTER TABLE " + ds + ".t_order_item_1 ADD CONSTRAINT names_qty CHECK (qty >= 0)");
        }
        // a foreign key between bound tables, through the sidecar: MariaDB names it t_order_item_0_ibfk_1 … per physical table
        try (Connection c = sharded.connect("orders"); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE t_order_item ADD FOREIGN KEY (order_id) REFERENCES t_order (order_id)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        db.execute("CREATE VIEW " + DS0 + ".names_v AS SELECT k, v FROM " + DS0 + ".t_config"); // t_config lives on ds_0
    }

    @AfterAll
    static void stop() {
        if (sharded != null) sharded.close();
        db.execute("DROP DATABASE IF EXISTS " + DS0, "DROP DATABASE IF EXISTS " + DS1);
    }

    private static Connection connect(String options) throws SQLException {
        return DriverManager.getConnection(sharded.mariadbUrl("orders") + options, "root", "");
    }

    private static void assertLogical(String text) {
        for (String p : PHYSICAL) assertThat(text).as("physical name %s in: %s", p, text).doesNotContain(p);
    }

    private static List<List<String>> rows(Statement s, String sql) throws SQLException {
        List<List<String>> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) row.add(rs.getString(i));
                out.add(row);
            }
        }
        return out;
    }

    @ParameterizedTest(name = "options [{0}]")
    @ValueSource(strings = {"?useServerPrepStmts=false", "?useServerPrepStmts=true"})
    void shardErrorsNameLogicalSchemasAndTables(String options) throws SQLException {
        try (Connection c = connect(options)) {
            // user 1 → the second data source's t_order_0: MariaDB names `names_o1_…`.`t_order_0`
            assertThatThrownBy(() -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO t_order (order_id, user_id, amount) VALUES (1, 1, ?)")) {
                    ps.setString(1, "abc");
                    ps.executeUpdate();
                }
            }).isInstanceOfSatisfying(SQLException.class, e -> {
                assertThat(e.getErrorCode()).isEqualTo(1366);
                assertThat(e.getMessage()).contains("`orders`.`t_order`.`amount`");
                assertLogical(e.getMessage());
            });
            try (Statement s = c.createStatement()) {
                assertThatThrownBy(() -> s.executeUpdate("INSERT INTO t_order_item (item_id, order_id, user_id, qty) VALUES (1, 424242, 3, 1)"))
                        .isInstanceOfSatisfying(SQLException.class, e -> {
                            assertThat(e.getErrorCode()).isEqualTo(1452); // the foreign key of the physical tables
                            assertThat(e.getMessage()).contains("`orders`.`t_order_item`", "`t_order_item_ibfk_1`");
                            assertLogical(e.getMessage());
                        });
                // SHOW WARNINGS after it lists the error, in logical names
                List<List<String>> warnings = rows(s, "SHOW WARNINGS");
                assertThat(warnings).extracting(r -> r.get(1)).contains("1452");
                for (List<String> w : warnings) assertLogical(w.get(2));
            }
        }
    }

    @Test
    void showWarningsListsEveryShardsWarningsInLogicalNames() throws SQLException {
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            s.execute("SET sql_mode = ''");
            // user 1 → data source 1, user 2 → data source 0: one warning on each shard
            assertThat(s.executeUpdate("INSERT INTO t_order (order_id, user_id, amount) VALUES (11, 1, 'x1'), (12, 2, 'x2')"))
                    .isEqualTo(2);
            List<String> driver = new ArrayList<>();
            for (SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) driver.add(w.getMessage());
            assertThat(driver).hasSize(2);
            List<List<String>> shown = rows(s, "SHOW WARNINGS");
            assertThat(shown).hasSize(2);
            for (List<String> w : shown) {
                assertThat(w.get(0)).isEqualTo("Warning");
                assertThat(w.get(1)).isEqualTo("1366");
                assertThat(w.get(2)).contains("`orders`.`t_order`.`amount`");
                assertLogical(w.get(2));
            }
            assertThat(rows(s, "SHOW COUNT(*) WARNINGS")).containsExactly(List.of("2"));
            assertThat(rows(s, "SHOW WARNINGS LIMIT 1")).hasSize(1);
            assertThat(rows(s, "SHOW ERRORS")).isEmpty();
            // a scatter SELECT: each shard's warnings, as many as the result's EOF announced
            try (ResultSet rs = s.executeQuery("SELECT CAST(CONCAT('z', order_id) AS DECIMAL(5,2)) FROM t_order WHERE order_id IN (11, 12)")) {
                int n = 0;
                while (rs.next()) n++;
                assertThat(n).isEqualTo(2);
            }
            assertThat(rows(s, "SHOW WARNINGS")).hasSize(2);
            // another statement starts a new list
            s.execute("SELECT 1");
            assertThat(rows(s, "SHOW WARNINGS")).isEmpty();
        }
    }

    @Test
    void routineStatusShowsTheLogicalDatabase() throws SQLException {
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            for (String kind : List.of("PROCEDURE", "FUNCTION")) {
                String name = kind.equals("PROCEDURE") ? "names_p" : "names_f";
                List<List<String>> all = rows(s, "SHOW " + kind + " STATUS LIKE '" + name + "'");
                assertThat(all).isNotEmpty();
                for (List<String> r : all) {
                    assertThat(r.get(0)).isEqualTo("orders");
                    assertLogical(String.join(" ", r));
                }
                List<List<String>> filtered = rows(s, "SHOW " + kind + " STATUS WHERE Db = 'orders' AND Name = '" + name + "'");
                assertThat(filtered).extracting(r -> r.get(1)).containsExactly(name);
                assertThat(rows(s, "SHOW " + kind + " STATUS WHERE Db = DATABASE()")).extracting(r -> r.get(1)).contains(name);
            }
        }
    }

    @Test
    void informationSchemaTablesNameLogicalTables() throws SQLException {
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            List<List<String>> views = rows(s, "SELECT TABLE_SCHEMA, TABLE_NAME, VIEW_DEFINITION FROM information_schema.VIEWS"
                    + " WHERE TABLE_SCHEMA = 'orders'");
            assertThat(views).hasSize(1);
            assertThat(views.get(0).get(1)).isEqualTo("names_v");
            assertThat(views.get(0).get(2)).contains("`orders`.`t_config`");
            assertLogical(views.get(0).get(2));

            assertThat(rows(s, "SELECT TABLE_NAME, CONSTRAINT_NAME FROM information_schema.KEY_COLUMN_USAGE"
                    + " WHERE TABLE_SCHEMA = 'orders' AND CONSTRAINT_NAME = 'PRIMARY' ORDER BY TABLE_NAME"))
                    .extracting(r -> r.get(0)).containsExactly("t_config", "t_order", "t_order_item", "t_region", "t_user");
            assertThat(rows(s, "SELECT TABLE_NAME, REFERENCED_TABLE_NAME FROM information_schema.KEY_COLUMN_USAGE"
                    + " WHERE TABLE_SCHEMA = DATABASE() AND REFERENCED_TABLE_NAME IS NOT NULL"))
                    .containsExactly(List.of("t_order_item", "t_order"));
            assertThat(rows(s, "SELECT EVENT_OBJECT_TABLE FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = 'orders'"))
                    .containsExactly(List.of("t_order"));
            assertThat(rows(s, "SELECT TABLE_NAME, CONSTRAINT_NAME FROM information_schema.CHECK_CONSTRAINTS"
                    + " WHERE CONSTRAINT_SCHEMA = 'orders'")).containsExactly(List.of("t_order_item", "names_qty"));
            assertThat(rows(s, "SELECT TABLE_NAME, REFERENCED_TABLE_NAME, CONSTRAINT_NAME FROM information_schema.REFERENTIAL_CONSTRAINTS"
                    + " WHERE CONSTRAINT_SCHEMA = 'orders'")).containsExactly(List.of("t_order_item", "t_order", "t_order_item_ibfk_1"));
            for (String table : List.of("VIEWS", "KEY_COLUMN_USAGE", "TABLE_CONSTRAINTS", "REFERENTIAL_CONSTRAINTS", "TRIGGERS",
                    "PARTITIONS", "CHECK_CONSTRAINTS", "ROUTINES", "PARAMETERS")) {
                String schema = switch (table) {
                    case "REFERENTIAL_CONSTRAINTS", "CHECK_CONSTRAINTS" -> "CONSTRAINT_SCHEMA";
                    case "TRIGGERS" -> "TRIGGER_SCHEMA";
                    case "ROUTINES" -> "ROUTINE_SCHEMA";
                    case "PARAMETERS" -> "SPECIFIC_SCHEMA";
                    default -> "TABLE_SCHEMA";
                };
                List<List<String>> all = rows(s, "SELECT * FROM information_schema." + table + " WHERE " + schema + " = 'orders'");
                for (List<String> r : all) assertLogical(table + ": " + r);
            }
            DatabaseMetaData md = c.getMetaData();
            try (ResultSet rs = md.getImportedKeys("orders", null, "t_order_item")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("PKTABLE_NAME")).isEqualTo("t_order");
                assertThat(rs.getString("PKTABLE_CAT")).isEqualTo("orders");
                assertThat(rs.getString("FK_NAME")).isEqualTo("t_order_item_ibfk_1");
            }
        }
    }
}
