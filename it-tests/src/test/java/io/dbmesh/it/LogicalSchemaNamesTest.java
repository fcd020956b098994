package io.dbmesh.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Logical database names work wherever a client names a database, also where the physical schema
 * has another name (passthrough) or there are many (sharded): qualified names, SHOW … FROM,
 * SHOW CREATE DATABASE, information_schema filters on the schema column (which shows the logical
 * name), and both Connector/Js' DatabaseMetaData. CREATE DATABASE of a logical name creates nothing.
 */
class LogicalSchemaNamesTest {
    private static final long PID = ProcessHandle.current().pid();
    private static final String SHOP = "grants_shop";
    private static final String SHOP_PHYSICAL = "grants_shop_phys_" + PID;
    private static final String DS0 = "grants_ord_ds0_" + PID, DS1 = "grants_ord_ds1_" + PID;
    private static MariaDbInstance db;
    private static SidecarFixture sidecar;
    private static SidecarFixture sharded;

    @BeforeAll
    static void start() throws SQLException {
        db = MariaDbServers.shared();
        db.recreateDatabase(SHOP_PHYSICAL);
        db.execute("DROP DATABASE IF EXISTS " + SHOP,
                "CREATE TABLE " + SHOP_PHYSICAL + ".customers (id INT PRIMARY KEY, name VARCHAR(20), KEY by_name (name))",
                "INSERT INTO " + SHOP_PHYSICAL + ".customers VALUES (1, 'ann')");
        sidecar = SidecarFixture.fromYaml("""
                users:
                  - { name: app, password: app-pw, databases: [%s] }
                  - { name: dba, password: dba-pw, databases: ["*"], admin: true }
                data_sources:
                  ds0: { url: "%s", user: "%s", password: "%s" }
                databases:
                  %s: { data_source: ds0 }
                """.formatted(SHOP, db.jdbcUrl(SHOP_PHYSICAL), db.user(), db.password(), SHOP), Map.of());
        sharded = OrdersExample.start(db, DS0, DS1);
        try (Connection c = sharded.connect("orders"); Statement s = c.createStatement()) {
            s.execute("INSERT INTO t_user (user_id, name) VALUES (1, 'a'), (2, 'b')");
        }
    }

    @AfterAll
    static void stop() {
        if (sidecar != null) sidecar.close();
        if (sharded != null) sharded.close();
        db.execute("DROP DATABASE IF EXISTS " + SHOP_PHYSICAL, "DROP DATABASE IF EXISTS " + DS0,
                "DROP DATABASE IF EXISTS " + DS1, "DROP DATABASE IF EXISTS " + SHOP);
    }

    private static Connection connect(SidecarFixture f, String database, String user, String driver) throws SQLException {
        String url = driver.equals("mysql") ? f.mysqlUrl(database) : f.mariadbUrl(database);
        return DriverManager.getConnection(url, user, user.equals("root") ? "" : user + "-pw");
    }

    private static List<String> column(Connection c, String sql, int index) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(index));
        }
        return out;
    }

    private static List<String> column(ResultSet rs, String label) throws SQLException {
        List<String> out = new ArrayList<>();
        try (rs) {
            while (rs.next()) out.add(rs.getString(label));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"app/mariadb", "app/mysql", "dba/mariadb", "dba/mysql"})
    void passthroughWithAnotherPhysicalNameAnswersInLogicalNames(String who) throws SQLException {
        String[] w = who.split("/");
        try (Connection c = connect(sidecar, SHOP, w[0], w[1])) {
            assertThat(column(c, "SELECT name FROM " + SHOP + ".customers", 1)).containsExactly("ann");
            assertThat(column(c, "SELECT c.name FROM `" + SHOP + "`.`customers` AS c WHERE c.id = 1", 1)).containsExactly("ann");
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW TABLES FROM " + SHOP)) {
                assertThat(rs.getMetaData().getColumnLabel(1)).isEqualTo("Tables_in_" + SHOP);
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("customers");
            }
            assertThat(column(c, "SHOW TABLE STATUS FROM " + SHOP, 1)).containsExactly("customers");
            assertThat(column(c, "SHOW COLUMNS FROM customers FROM " + SHOP, 1)).containsExactly("id", "name");
            List<String> create = column(c, "SHOW CREATE DATABASE " + SHOP, 2);
            assertThat(column(c, "SHOW CREATE DATABASE " + SHOP, 1)).containsExactly(SHOP);
            assertThat(create.get(0)).contains("`" + SHOP + "`").doesNotContain(SHOP_PHYSICAL);
            assertThat(column(c, "SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"
                    + SHOP + "'", 2)).containsExactly("customers");
            assertThat(column(c, "SELECT TABLE_SCHEMA FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()", 1))
                    .containsExactly(SHOP);
            assertThat(column(c, "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE table_schema = '" + SHOP
                    + "' AND TABLE_NAME = 'customers' ORDER BY ORDINAL_POSITION", 1)).containsExactly("id", "name");

            DatabaseMetaData md = c.getMetaData();
            assertThat(column(md.getTables(SHOP, null, "%", null), "TABLE_NAME")).containsExactly("customers");
            assertThat(column(md.getColumns(SHOP, null, "customers", "%"), "COLUMN_NAME")).containsExactly("id", "name");
            assertThat(column(md.getPrimaryKeys(SHOP, null, "customers"), "COLUMN_NAME")).containsExactly("id");
            assertThat(column(md.getIndexInfo(SHOP, null, "customers", false, false), "INDEX_NAME"))
                    .contains("PRIMARY", "by_name");
            List<String> catalogs = column(md.getCatalogs(), "TABLE_CAT");
            assertThat(catalogs).contains(SHOP).doesNotContain(SHOP_PHYSICAL);
            if (w[0].equals("app")) assertThat(catalogs).containsOnly(SHOP, "information_schema");
        }
    }

    @Test
    void createDatabaseOfALogicalNameCreatesNoStrayDatabase() throws SQLException {
        for (SidecarFixture f : List.of(sidecar, sharded)) {
            String name = f == sidecar ? SHOP : "orders";
            try (Connection c = f == sidecar ? connect(f, SHOP, "dba", "mariadb") : f.connect("orders");
                 Statement s = c.createStatement()) {
                try {
                    s.execute("CREATE DATABASE " + name);
                    throw new AssertionError("CREATE DATABASE " + name + " succeeded");
                } catch (SQLException e) {
                    assertThat(e.getErrorCode()).isEqualTo(1007);
                    assertThat(e.getMessage()).contains("'" + name + "'");
                }
                s.execute("CREATE SCHEMA IF NOT EXISTS " + name);
            }
        }
        try (Connection direct = db.connect("mysql")) {
            assertThat(column(direct, "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME IN ('"
                    + SHOP + "', 'orders')", 1)).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mariadb", "mysql"})
    void shardedDatabaseAnswersInLogicalNames(String driver) throws SQLException {
        try (Connection c = connect(sharded, "orders", "root", driver)) {
            assertThat(column(c, "SELECT name FROM orders.t_user WHERE user_id = 2", 1)).containsExactly("b");
            assertThat(column(c, "SHOW TABLES FROM orders", 1)).contains("t_order", "t_user").doesNotContain("t_order_0");
            DatabaseMetaData md = c.getMetaData();
            List<String> tables = column(md.getTables("orders", null, "%", null), "TABLE_NAME");
            assertThat(tables).contains("t_order", "t_user").doesNotContain("t_order_0", "t_order_1")
                    .doesNotHaveDuplicates();
            assertThat(column(md.getColumns("orders", null, "t_user", "%"), "COLUMN_NAME")).contains("user_id", "name");
            assertThat(column(md.getPrimaryKeys("orders", null, "t_user"), "COLUMN_NAME")).containsExactly("user_id");
            assertThat(column(md.getCatalogs(), "TABLE_CAT")).contains("orders").doesNotContain(DS0, DS1);
            // DATABASE() means the logical name, but a 'DATABASE()' string is text (the engine once replaced it too)
            assertThat(column(c, "SELECT TABLE_SCHEMA, 'DATABASE()' FROM information_schema.TABLES"
                    + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 't_user'", 2)).containsExactly("DATABASE()");
        }
    }

    @Test
    void theCliSeesLogicalNames() throws Exception {
        assumeTrue(MariaDbCli.installed(), "mariadb client not installed");
        MariaDbCli.Run run = MariaDbCli.run(sidecar.port(), "app", "app-pw", null, "--batch", SHOP,
                "-e", "SHOW TABLES FROM " + SHOP + "; SELECT name FROM " + SHOP + ".customers");
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("Tables_in_" + SHOP + "\ncustomers\nname\nann\n");
    }
}
