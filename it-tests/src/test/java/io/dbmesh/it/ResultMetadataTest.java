package io.dbmesh.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What result metadata says about the server and the schema (issue 8): {@code @@version_comment}
 * is the backend's with the dbmesh mark, and the schema field of a column read from a table names
 * the logical database, never the physical schema behind it, in the text and the binary protocol,
 * through a passthrough sidecar with another physical name and the sharded example.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResultMetadataTest {
    private static final long PID = ProcessHandle.current().pid();
    private static final String PHYSICAL = "resmeta_pt_" + PID, LOGICAL = "resmeta";
    private static final String DS0 = "resmeta_ds0_" + PID, DS1 = "resmeta_ds1_" + PID;
    private static final String MARK = " (via dbmesh)";
    private MariaDbInstance db;
    private SidecarFixture passthrough;
    private SidecarFixture sharded;

    @BeforeAll
    void start() throws SQLException {
        db = MariaDbServers.shared();
        db.recreateDatabase(PHYSICAL);
        passthrough = SidecarFixture.passthrough(db, PHYSICAL, LOGICAL);
        sharded = OrdersExample.start(db, DS0, DS1);
        try (Connection c = passthrough.connect(LOGICAL); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE meta_t (id INT PRIMARY KEY, v VARCHAR(10))");
            st.execute("INSERT INTO meta_t VALUES (1, 'a')");
        }
        try (Connection c = sharded.connect("orders"); Statement st = c.createStatement()) {
            st.execute("INSERT INTO t_user (user_id, name) VALUES (1, 'a'), (2, 'b'), (3, 'c')");
            st.execute("INSERT INTO t_config (k, v) VALUES ('k', 'v')");
        }
    }

    @AfterAll
    void stop() {
        if (passthrough != null) passthrough.close();
        if (sharded != null) sharded.close();
        db.execute("DROP DATABASE IF EXISTS " + PHYSICAL, "DROP DATABASE IF EXISTS " + DS0, "DROP DATABASE IF EXISTS " + DS1);
    }

    private static String single(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getMetaData().getColumnLabel(1) + "=" + rs.getString(rs.getMetaData().getColumnCount());
        }
    }

    @Test
    void versionCommentIsTheBackendsMarked() throws SQLException {
        String direct;
        try (Connection c = db.connect(PHYSICAL)) {
            direct = single(c, "SELECT @@version_comment");
        }
        assertThat(direct).startsWith("@@version_comment=").doesNotContain("dbmesh");
        for (String url : List.of(passthrough.mariadbUrl(LOGICAL), sharded.mariadbUrl("orders"))) {
            for (String options : List.of("", "?useServerPrepStmts=true")) {
                try (Connection c = DriverManager.getConnection(url + options, "root", "")) {
                    assertThat(single(c, "SELECT @@version_comment")).as(url + options).isEqualTo(direct + MARK);
                    try (PreparedStatement ps = c.prepareStatement("SELECT @@version_comment LIMIT 1"); ResultSet rs = ps.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getString(1)).isEqualTo(direct.substring("@@version_comment=".length()) + MARK);
                    }
                }
            }
        }
        String marked = direct.substring("@@version_comment=".length()) + MARK;
        List<String> passthroughVersions = rows(passthrough.connect(LOGICAL), "SHOW VARIABLES LIKE 'version%'");
        assertThat(passthroughVersions).contains("version_comment=" + marked);
        try (Connection c = passthrough.connect(LOGICAL)) {
            assertThat(single(c, "SHOW VARIABLES LIKE 'version_comment'")).isEqualTo("Variable_name=" + marked);
        }
        try (Connection c = sharded.connect("orders")) { // a sharded database answers as a passthrough one
            assertThat(single(c, "SHOW VARIABLES LIKE 'version_comment'")).isEqualTo("Variable_name=" + marked);
            assertThat(single(c, "SHOW SESSION VARIABLES WHERE Variable_name = 'version_comment'")).isEqualTo("Variable_name=" + marked);
        }
        assertThat(rows(sharded.connect("orders"), "SHOW VARIABLES LIKE 'version%'")).isEqualTo(passthroughVersions);
    }

    /** Every row as "first=last" (the connection is closed). */
    private static List<String> rows(Connection connection, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = connection; Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1) + "=" + rs.getString(rs.getMetaData().getColumnCount()));
        }
        return out;
    }

    /** Each column's schema field, as the driver reports it (MariaDB Connector/J: the catalog name). */
    private static List<String> schemas(String url, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "root", "")) {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                out.add("text " + schemas(rs.getMetaData()));
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                out.add("prepared " + schemas(ps.getMetaData()));
                try (ResultSet rs = ps.executeQuery()) {
                    out.add("executed " + schemas(rs.getMetaData()));
                }
            }
        }
        return out;
    }

    private static String schemas(ResultSetMetaData md) throws SQLException {
        if (md == null) return "none";
        List<String> s = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) s.add(md.getCatalogName(i));
        return String.join(",", s);
    }

    @Test
    void theSchemaOfAColumnIsTheLogicalDatabase() throws SQLException {
        String sql = "SELECT id, v, 1 AS one FROM meta_t";
        for (String options : List.of("", "?useServerPrepStmts=true")) {
            List<String> direct = schemas(db.jdbcUrl(PHYSICAL) + options, sql);
            assertThat(direct).as(options).contains("text " + PHYSICAL + "," + PHYSICAL + ",", "executed " + PHYSICAL + "," + PHYSICAL + ",");
            assertThat(schemas(passthrough.mariadbUrl(LOGICAL) + options, sql)).as(options)
                    .isEqualTo(direct.stream().map(line -> line.replace(PHYSICAL, LOGICAL)).toList());
        }
    }

    @Test
    void theSchemaOfAShardedTablesColumnIsTheLogicalDatabase() throws SQLException {
        for (String options : List.of("", "?useServerPrepStmts=true")) {
            String url = sharded.mariadbUrl("orders") + options;
            assertThat(schemas(url, "SELECT user_id, name FROM t_user WHERE user_id = 1")).as(options)
                    .containsExactly("text orders,orders", "prepared orders,orders", "executed orders,orders");
            assertThat(schemas(url, "SELECT user_id, name FROM t_user ORDER BY user_id")).as(options)
                    .containsExactly("text orders,orders", "prepared orders,orders", "executed orders,orders");
            assertThat(schemas(url, "SELECT k FROM t_config")).as(options)
                    .containsExactly("text orders", "prepared orders", "executed orders");
        }
    }
}
