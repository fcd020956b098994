package io.dbmesh.it.sharding;

import io.dbmesh.it.MariaDbInstance;
import io.dbmesh.it.MariaDbServers;
import io.dbmesh.it.SidecarFixture;
import io.dbmesh.proxy.config.ConfigLoader;
import io.dbmesh.proxy.config.DbmeshConfig;
import io.dbmesh.proxy.config.EnvSubstitution;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shipped orders example (conf/examples/orders.yaml) end to end: the sidecar on two physical
 * databases of the shared MariaDB, clients on MariaDB and MySQL Connector/J, text protocol and
 * server-side prepared statements. The tables come from the config's schema at start; rows go where
 * the rules say; answers equal what one server holding all rows gives.
 */
class ShardedOrdersTest {
    /** Per process: other builds on this machine may run the same test against the same server. */
    static final String DS0 = "shard_it_ds0_" + ProcessHandle.current().pid(), DS1 = "shard_it_ds1_" + ProcessHandle.current().pid();
    static MariaDbInstance mariadb;
    static SidecarFixture sidecar;

    @BeforeAll
    static void start() {
        mariadb = MariaDbServers.shared();
        mariadb.execute("DROP DATABASE IF EXISTS " + DS0, "DROP DATABASE IF EXISTS " + DS1); // the sidecar creates them
        DbmeshConfig config = new ConfigLoader(new EnvSubstitution(Map.of(
                "DS0_URL", mariadb.jdbcUrl(DS0), "DS0_USER", mariadb.user(), "DS0_PASSWORD", mariadb.password(),
                "DS1_URL", mariadb.jdbcUrl(DS1), "DS1_USER", mariadb.user(), "DS1_PASSWORD", mariadb.password())::get))
                .loadFile(Path.of("..", "conf", "examples", "orders.yaml"));
        sidecar = SidecarFixture.start(config);
    }

    @AfterAll
    static void stop() {
        if (sidecar != null) sidecar.close();
        mariadb.execute("DROP DATABASE IF EXISTS " + DS0, "DROP DATABASE IF EXISTS " + DS1);
    }

    @BeforeEach
    void load() throws SQLException {
        try (Connection c = sidecar.connect("orders"); Statement s = c.createStatement()) {
            for (String t : List.of("t_user", "t_order", "t_order_item", "t_region", "t_config")) s.execute("DELETE FROM " + t);
            s.execute("INSERT INTO t_region (region_id, name) VALUES (1, 'north'), (2, 'south')");
            s.execute("INSERT INTO t_user (user_id, name, region_id, balance) VALUES (1, 'ada', 1, 10.00), (2, 'bob', 2, 5.50),"
                    + " (3, 'cy', 1, 0.00), (4, 'di', 2, 99.99), (5, 'ed', 1, NULL)");
            s.execute("INSERT INTO t_order (order_id, user_id, status, amount, created_at) VALUES"
                    + " (101, 1, 'paid', 10.00, '2026-01-01 10:00:00'), (102, 1, 'new', 2.50, '2026-01-02 10:00:00'),"
                    + " (103, 2, 'paid', 7.25, '2026-01-03 10:00:00'), (104, 3, 'void', 1.00, '2026-01-04 10:00:00'),"
                    + " (105, 4, 'paid', 30.00, '2026-01-05 10:00:00'), (106, 5, 'new', 4.75, '2026-01-06 10:00:00')");
            s.execute("INSERT INTO t_order_item (item_id, order_id, user_id, sku, qty, price) VALUES"
                    + " (1, 101, 1, 'A', 2, 5.00), (2, 103, 2, 'B', 1, 7.25), (3, 105, 4, 'C', 3, 10.00)");
        }
    }

    static Connection connect(String driver, boolean serverPrepared) throws SQLException {
        String options = serverPrepared ? "?useServerPrepStmts=true" : "";
        String url = driver.equals("mysql") ? sidecar.mysqlUrl("orders") + (serverPrepared ? "?useServerPrepStmts=true&cachePrepStmts=false" : "")
                : sidecar.mariadbUrl("orders") + options;
        return DriverManager.getConnection(url, "root", "");
    }

    static List<String> strings(ResultSet rs, int column) throws SQLException {
        List<String> out = new ArrayList<>();
        while (rs.next()) out.add(rs.getString(column));
        return out;
    }

    static List<String> physical(String db, String sql) throws SQLException {
        try (Connection c = mariadb.connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return strings(rs, 1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mariadb", "mariadb-prepared", "mysql", "mysql-prepared"})
    void readsAnswerLikeOneServer(String client) throws SQLException {
        try (Connection c = connect(client.split("-")[0], client.endsWith("prepared"))) {
            try (PreparedStatement ps = c.prepareStatement("SELECT name, balance FROM t_user WHERE user_id = ?")) {
                for (int id = 1; id <= 4; id++) {
                    ps.setInt(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getString(1)).isEqualTo(List.of("ada", "bob", "cy", "di").get(id - 1));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT order_id FROM t_order WHERE amount > ? ORDER BY amount DESC LIMIT ?, ?")) {
                ps.setBigDecimal(1, new java.math.BigDecimal("2.00"));
                ps.setInt(2, 1);
                ps.setInt(3, 3);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(strings(rs, 1)).containsExactly("101", "103", "106");
                }
            }
            try (Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT status, COUNT(*) AS n, SUM(amount), AVG(amount) FROM t_order GROUP BY status ORDER BY n DESC, status")) {
                    assertThat(rs.getMetaData().getColumnLabel(2)).isEqualTo("n");
                    assertThat(rs.getMetaData().getColumnCount()).isEqualTo(4);
                    assertThat(rs.next()).isTrue();
                    assertThat(List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                            .containsExactly("paid", "3", "47.25", "15.750000");
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("new");
                }
                try (ResultSet rs = s.executeQuery("SELECT u.name, SUM(i.qty * i.price) FROM t_user u JOIN t_order_item i"
                        + " ON i.user_id = u.user_id JOIN t_region r ON r.region_id = u.region_id WHERE r.name = 'south'"
                        + " GROUP BY u.user_id, u.name ORDER BY u.name")) {
                    assertThat(strings(rs, 1)).containsExactly("bob", "di");
                }
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(balance), MIN(balance), MAX(name) FROM t_user")) {
                    rs.next();
                    assertThat(List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                            .containsExactly("5", "4", "0.00", "ed");
                }
                try (ResultSet rs = s.executeQuery("SHOW TABLES")) {
                    assertThat(strings(rs, 1)).containsExactly("t_config", "t_order", "t_order_item", "t_region", "t_user");
                }
                try (ResultSet rs = s.executeQuery("EXPLAIN ROUTE SELECT * FROM t_order WHERE user_id IN (1, 2)")) {
                    assertThat(strings(rs, 1)).containsExactly("ds_0", "ds_1");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mariadb", "mariadb-prepared", "mysql-prepared"})
    void writesGoToTheirShardsWithGeneratedKeys(String client) throws SQLException {
        try (Connection c = connect(client.split("-")[0], client.endsWith("prepared"))) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO t_order (user_id, status, amount) VALUES (?, 'new', ?), (?, 'new', ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, 6);
                ps.setBigDecimal(2, new java.math.BigDecimal("1.10"));
                ps.setLong(3, 7);
                ps.setBigDecimal(4, new java.math.BigDecimal("2.20"));
                assertThat(ps.executeUpdate()).isEqualTo(2);
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    assertThat(keys.next()).isTrue();
                    long id = keys.getLong(1);
                    assertThat(id).isGreaterThan(1L << 22);
                    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT user_id FROM t_order WHERE user_id = 6 AND order_id = " + id)) {
                        assertThat(strings(rs, 1)).containsExactly("6");
                    }
                }
            }
            // user 6 → ds_0 (6 % 2), table 1 (6 / 2 % 2); user 7 → ds_1, table 1
            assertThat(physical(DS0, "SELECT user_id FROM t_order_1 WHERE user_id = 6")).containsExactly("6");
            assertThat(physical(DS1, "SELECT user_id FROM t_order_1 WHERE user_id = 7")).containsExactly("7");
            try (Statement s = c.createStatement()) {
                assertThat(s.executeUpdate("UPDATE t_order SET status = 'done' WHERE status = 'new'")).isEqualTo(4);
                assertThatThrownBy(() -> s.executeUpdate("UPDATE t_user SET user_id = 8 WHERE user_id = 1"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("sharding column 'user_id'");
                assertThatThrownBy(() -> s.executeQuery("SELECT * FROM t_order WHERE user_id = 1 LOCK IN SHARE MODE"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("t_order");
                assertThat(s.executeUpdate("DELETE FROM t_order WHERE user_id BETWEEN 6 AND 7")).isEqualTo(2);
                // RETURNING whose rows would come back from several shards (or be lost splitting an
                // INSERT) is refused before anything is written, not answered with an OK
                assertThatThrownBy(() -> s.execute("INSERT INTO t_user (user_id, name) VALUES (20, 'r'), (21, 's') RETURNING user_id"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("INSERT … RETURNING into sharded table t_user");
                assertThatThrownBy(() -> s.execute("DELETE FROM t_user WHERE user_id IN (1, 2) RETURNING name"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("DELETE … RETURNING over several shards");
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t_user WHERE user_id IN (1, 2, 20, 21)")) {
                    assertThat(strings(rs, 1)).containsExactly("2");
                }
                assertThat(s.execute("DELETE FROM t_order WHERE user_id = 5 RETURNING order_id")).isTrue(); // one shard: its rows
                try (ResultSet rs = s.getResultSet()) {
                    assertThat(strings(rs, 1)).containsExactly("106");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mariadb", "mysql"})
    void transactionsCommitAndRollBackOnEveryShard(String driver) throws SQLException {
        try (Connection c = connect(driver, false); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.executeUpdate("INSERT INTO t_user (user_id, name) VALUES (10, 'x'), (11, 'y')");
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t_user WHERE user_id >= 10")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
            c.rollback();
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t_user WHERE user_id >= 10")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
            s.executeUpdate("INSERT INTO t_user (user_id, name) VALUES (12, 'z'), (13, 'w')");
            c.commit();
            c.setAutoCommit(true);
        }
        assertThat(physical(DS0, "SELECT name FROM t_user_0 WHERE user_id = 12")).containsExactly("z");
        assertThat(physical(DS1, "SELECT name FROM t_user_0 WHERE user_id = 13")).containsExactly("w");
    }
}
