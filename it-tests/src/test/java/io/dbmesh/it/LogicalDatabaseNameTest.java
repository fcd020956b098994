package io.dbmesh.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DATABASE() and SCHEMA() name the logical database the client uses, not the physical schema
 * behind it, wherever they appear in a statement the sidecar forwards — except in statements that
 * read the backend's own catalog (information_schema …), whose names are the physical ones.
 */
class LogicalDatabaseNameTest {
    private static final long PID = ProcessHandle.current().pid();
    private static final String PHYSICAL = "it_dbname_" + PID;
    private static final String DS0 = "shard_dbname_ds0_" + PID, DS1 = "shard_dbname_ds1_" + PID;
    private static MariaDbInstance db;
    private static SidecarFixture sidecar;
    private static SidecarFixture sharded;

    @BeforeAll
    static void start() throws SQLException {
        db = MariaDbServers.shared();
        db.recreateDatabase(PHYSICAL);
        sidecar = SidecarFixture.passthrough(db, PHYSICAL, "demo");
        sharded = OrdersExample.start(db, DS0, DS1);
        try (Connection c = sidecar.connect("demo"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(64))");
            s.execute("INSERT INTO t VALUES (1, 'one'), (2, 'two')");
        }
        try (Connection c = sharded.connect("orders"); Statement s = c.createStatement()) {
            s.execute("INSERT INTO t_user (user_id, name) VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd')");
        }
    }

    @AfterAll
    static void stop() {
        if (sidecar != null) sidecar.close();
        if (sharded != null) sharded.close();
        db.execute("DROP DATABASE IF EXISTS " + PHYSICAL, "DROP DATABASE IF EXISTS " + DS0, "DROP DATABASE IF EXISTS " + DS1);
    }

    static Connection connect(SidecarFixture f, String database, String client) throws SQLException {
        boolean prepared = client.endsWith("prepared");
        String url = client.startsWith("mysql")
                ? f.mysqlUrl(database) + (prepared ? "?useServerPrepStmts=true&cachePrepStmts=false" : "")
                : f.mariadbUrl(database) + (prepared ? "?useServerPrepStmts=true" : "");
        return DriverManager.getConnection(url, "root", "");
    }

    static List<String> row(ResultSet rs) throws SQLException {
        assertThat(rs.next()).isTrue();
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) out.add(rs.getString(i));
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mariadb", "mariadb-prepared", "mysql", "mysql-prepared"})
    void passthroughStatementsSeeTheLogicalName(String client) throws SQLException {
        try (Connection c = connect(sidecar, "demo", client)) {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT DATABASE(), schema ( ), 'DATABASE()', /* DATABASE() */ v FROM t WHERE id = 1")) {
                assertThat(rs.getMetaData().getColumnLabel(1)).isEqualTo("DATABASE()");
                assertThat(row(rs)).containsExactly("demo", "demo", "DATABASE()", "one");
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT id, DATABASE() AS db FROM t WHERE id = ? AND DATABASE() = 'demo'")) {
                ps.setInt(1, 2);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.getMetaData().getColumnLabel(2)).isEqualTo("db");
                    assertThat(row(rs)).containsExactly("2", "demo");
                }
            }
            int id = 100 + client.length();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, CONCAT(DATABASE(), '.t'))")) {
                ps.setInt(1, id);
                ps.executeUpdate();
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT v FROM t WHERE id = " + id)) {
                assertThat(row(rs)).containsExactly("demo.t");
            }
            // the backend's catalog names its own schema: there DATABASE() stays the backend's
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?")) {
                ps.setString(1, "t");
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(row(rs)).containsExactly("1");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mariadb", "mariadb-prepared", "mysql", "mysql-prepared"})
    void shardedStatementsSeeTheLogicalName(String client) throws SQLException {
        try (Connection c = connect(sharded, "orders", client)) {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT DISTINCT DATABASE() FROM t_user")) {
                assertThat(row(rs)).containsExactly("orders");
                assertThat(rs.next()).isFalse(); // every shard answered the same logical name
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT name, SCHEMA() FROM t_user WHERE user_id = ?")) {
                for (int id = 1; id <= 4; id++) {
                    ps.setInt(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertThat(row(rs)).containsExactly(List.of("a", "b", "c", "d").get(id - 1), "orders");
                    }
                }
            }
        }
    }

    @Test
    void cliSeesTheLogicalName() throws Exception {
        assumeTrue(MariaDbCli.installed(), "mariadb client not installed");
        MariaDbCli.Run run = MariaDbCli.run(sidecar.port(), "root", "", null, "--batch", "--skip-column-names", "demo",
                "-e", "SELECT DATABASE() FROM t WHERE id = 1; SELECT v FROM t WHERE v = CONCAT(SCHEMA(), '') OR id = 2");
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("demo\ntwo\n");
    }
}
