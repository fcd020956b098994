package io.dbmesh.it.compat;

import io.dbmesh.it.MariaDbInstance;
import io.dbmesh.it.MariaDbServers;
import io.dbmesh.it.OrdersExample;
import io.dbmesh.it.SidecarFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Under NO_BACKSLASH_ESCAPES a backslash in a string literal is an ordinary character, also in a
 * cross-shard statement the federation (Calcite) answers: the same statements on the sharded
 * example answer what MariaDB answers on one database holding the same rows.
 */
class FederatedNoBackslashEscapesCompatTest {
    private static final long PID = ProcessHandle.current().pid();
    static final String DIRECT = "compat_nbe_direct_" + PID, DS0 = "compat_nbe_ds0_" + PID, DS1 = "compat_nbe_ds1_" + PID;
    static MariaDbInstance db;
    static SidecarFixture sharded;

    @BeforeAll
    static void start() throws SQLException {
        db = MariaDbServers.shared();
        db.recreateDatabase(DIRECT);
        sharded = OrdersExample.start(db, DS0, DS1);
        try (Connection c = db.connect(DIRECT); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t_user (user_id BIGINT PRIMARY KEY, name VARCHAR(64), region_id INT,"
                    + " created_at DATETIME, balance DECIMAL(12,2))");
            st.execute("CREATE TABLE t_order (order_id BIGINT PRIMARY KEY, user_id BIGINT, status VARCHAR(16),"
                    + " amount DECIMAL(12,2), created_at DATETIME)");
        }
    }

    @AfterAll
    static void stop() {
        if (sharded != null) sharded.close();
        db.execute("DROP DATABASE IF EXISTS " + DIRECT, "DROP DATABASE IF EXISTS " + DS0, "DROP DATABASE IF EXISTS " + DS1);
    }

    private static List<String> run(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement()) {
            st.execute("SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES')");
            st.execute("INSERT INTO t_user (user_id, name) VALUES (1, 'a\\b'), (2, 'C:\\new'), (3, 'plain')");
            st.execute("INSERT INTO t_order (order_id, user_id, status) VALUES (10, 1, 'x\\y'), (11, 2, 'NEW'), (12, 3, 'NEW')");
            for (String sql : List.of(
                    "SELECT name, CHAR_LENGTH(name) FROM t_user WHERE name = 'a\\b' UNION ALL SELECT 'C:\\new', CHAR_LENGTH('C:\\new')",
                    "SELECT name, 'it''s \\' AS s FROM t_user WHERE user_id IN (SELECT user_id FROM t_order WHERE status = 'x\\y')",
                    "SELECT u.name, o.status FROM t_user u JOIN t_order o ON o.order_id = u.user_id + 9 WHERE u.name <> 'a\\z' ORDER BY u.user_id")) {
                try (ResultSet rs = st.executeQuery(sql)) {
                    while (rs.next()) out.add(rs.getString(1) + " | " + rs.getString(2));
                }
                out.add("--");
            }
        }
        return out;
    }

    @Test
    void aBackslashIsAnOrdinaryCharacterInFederatedStatements() throws SQLException {
        List<String> expected;
        try (Connection c = db.connect(DIRECT)) {
            expected = run(c);
        }
        assertThat(expected).startsWith("a\\b | 3", "C:\\new | 6", "--");
        try (Connection c = sharded.connect("orders")) {
            assertThat(run(c)).isEqualTo(expected);
        }
    }
}
