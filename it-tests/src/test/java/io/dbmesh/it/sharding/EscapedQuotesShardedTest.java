package io.dbmesh.it.sharding;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbmesh.it.MariaDbInstance;
import io.dbmesh.it.MariaDbServers;
import io.dbmesh.it.OrdersExample;
import io.dbmesh.it.SidecarFixture;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Values with apostrophes, double quotes and backslashes through the sharded path (issue 8,
 * item 4), written the way client-side-escaping drivers write them: Connector/J's text mode
 * ({@code 'o\'neil'}, {@code 'C:\\'}), doubled quotes, and a NO_BACKSLASH_ESCAPES session. On
 * the orders example (non-key values) and on a table sharded by a string key, where the value also
 * decides the shard: a row written by text must be found by a prepared lookup and vice versa.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EscapedQuotesShardedTest {
    private static final long PID = ProcessHandle.current().pid();
    private static final String O0 = "quotes_o0_" + PID, O1 = "quotes_o1_" + PID, K0 = "quotes_k0_" + PID, K1 = "quotes_k1_" + PID;
    private static final List<String> VALUES = List.of("o'neil", "C:\\", "a\"b", "\\'", "it''s", "x\\\\'y\\n", "plain");
    private MariaDbInstance db;
    private SidecarFixture orders;
    private SidecarFixture keyed;

    @BeforeAll
    void start() {
        db = MariaDbServers.shared();
        orders = OrdersExample.start(db, O0, O1);
        db.execute("DROP DATABASE IF EXISTS " + K0, "DROP DATABASE IF EXISTS " + K1);
        keyed = SidecarFixture.fromYaml("""
                users: [{name: root, password: "", databases: ["*"]}]
                data_sources:
                  ds_0: {url: "${K0}", user: root, password: ""}
                  ds_1: {url: "${K1}", user: root, password: ""}
                databases:
                  names:
                    sharding:
                      default_data_source: ds_0
                      tables:
                        people: {key: name, nodes: "ds_[0..1].people", algorithm: hash_mod}
                      schema:
                        - CREATE TABLE IF NOT EXISTS people (name VARCHAR(64) PRIMARY KEY, note VARCHAR(64))
                """, Map.of("K0", db.jdbcUrl(K0), "K1", db.jdbcUrl(K1)));
    }

    @AfterAll
    void stop() {
        if (orders != null) orders.close();
        if (keyed != null) keyed.close();
        db.execute("DROP DATABASE IF EXISTS " + O0, "DROP DATABASE IF EXISTS " + O1,
                "DROP DATABASE IF EXISTS " + K0, "DROP DATABASE IF EXISTS " + K1);
    }

    @Test
    void nonKeyValuesOnTheOrdersExample() throws Exception {
        // Connector/J's text mode escapes with backslashes: 'o\'neil'
        try (Connection c = DriverManager.getConnection(orders.mariadbUrl("orders"), "root", "")) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO t_user (user_id, name) VALUES (?, ?)")) {
                for (int i = 0; i < VALUES.size(); i++) {
                    ps.setLong(1, 7000 + i);
                    ps.setString(2, VALUES.get(i));
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT user_id FROM t_user WHERE name = ? AND user_id >= 7000")) {
                for (int i = 0; i < VALUES.size(); i++) {
                    ps.setString(1, VALUES.get(i));
                    try (ResultSet rs = ps.executeQuery()) {
                        assertThat(rs.next()).as(VALUES.get(i)).isTrue();
                        assertThat(rs.getLong(1)).isEqualTo(7000 + i);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE t_user SET name = CONCAT(name, ?) WHERE user_id = ?")) {
                ps.setString(1, "'\\");
                ps.setLong(2, 7000);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
        }
        // every value stored as written (read from the shards themselves)
        List<String> stored = new ArrayList<>();
        for (String physical : List.of(O0, O1)) {
            try (Connection c = db.connect(physical); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT user_id, name FROM t_user_0 WHERE user_id >= 7000 UNION ALL "
                         + "SELECT user_id, name FROM t_user_1 WHERE user_id >= 7000")) {
                while (rs.next()) stored.add(rs.getLong(1) + "=" + rs.getString(2));
            }
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < VALUES.size(); i++) expected.add((7000 + i) + "=" + VALUES.get(i) + (i == 0 ? "'\\" : ""));
        assertThat(stored).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void stringShardKeysRouteByTheirValue() throws Exception {
        try (Connection c = DriverManager.getConnection(keyed.mariadbUrl("names"), "root", "")) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO people (name, note) VALUES (?, ?)")) {
                for (String v : VALUES) {
                    ps.setString(1, v);
                    ps.setString(2, "note " + v);
                    ps.executeUpdate();
                }
            }
            // server-side prepared lookups route by the bound value: they find what text inserts wrote
            try (Connection p = DriverManager.getConnection(keyed.mariadbUrl("names") + "?useServerPrepStmts=true", "root", "");
                 PreparedStatement ps = p.prepareStatement("SELECT note FROM people WHERE name = ?")) {
                for (String v : VALUES) {
                    ps.setString(1, v);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertThat(rs.next()).as(v).isTrue();
                        assertThat(rs.getString(1)).isEqualTo("note " + v);
                    }
                }
            }
            // doubled quotes and a NO_BACKSLASH_ESCAPES session, in plain text statements
            try (Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("SELECT note FROM people WHERE name = 'o''neil'")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("note o'neil");
                }
                st.execute("SET sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES')");
                try (ResultSet rs = st.executeQuery("SELECT note FROM people WHERE name = 'C:\\'")) {
                    assertThat(rs.next()).as("C:\\ under NO_BACKSLASH_ESCAPES").isTrue();
                    assertThat(rs.getString(1)).isEqualTo("note C:\\");
                }
            }
        }
        // each row lives on the shard its key hashes to: the same count on the shards as written
        int total = 0;
        for (String physical : List.of(K0, K1)) {
            try (Connection c = db.connect(physical); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM people")) {
                rs.next();
                total += rs.getInt(1);
            }
        }
        assertThat(total).isEqualTo(VALUES.size());
    }

    /**
     * Shard keys holding backslashes, written as plain text statements under both readings of
     * sql_mode: each row lands on the shard its true value hashes to (NO_BACKSLASH_ESCAPES: a
     * backslash is an ordinary character, as MariaDB reads it), reads back byte for byte, and
     * equals what MariaDB itself stores for the same statement text.
     */
    @Test
    void backslashKeysUnderBothSqlModesRouteByTheValueMariaDbReads() throws Exception {
        // literals as a client writes them in each mode (under NO_BACKSLASH_ESCAPES 'a\' is a, backslash)
        List<String> nbe = List.of("'nbe a\\'", "'nbe b\\n'", "'nbe c\\\\'", "'nbe x\\''y'", "'nbe \\%'");
        List<String> escapes = List.of("'esc a\\\\'", "'esc b\\n'", "'esc c\\\\\\\\'", "'esc x\\'y'", "'esc \\%'", "'esc q\\q''\\\\'");
        String direct = "quotes_direct_" + PID;
        db.recreateDatabase(direct);
        try {
            for (boolean noBackslashEscapes : List.of(true, false)) {
                String mode = noBackslashEscapes ? "NO_BACKSLASH_ESCAPES" : "";
                String prefix = noBackslashEscapes ? "nbe " : "esc ";
                List<String> literals = noBackslashEscapes ? nbe : escapes;
                List<String> expected = new ArrayList<>();
                try (Connection m = db.connect(direct); Statement st = m.createStatement()) {
                    st.execute("SET sql_mode = '" + mode + "'");
                    st.execute("CREATE TABLE IF NOT EXISTS people (name VARCHAR(64) PRIMARY KEY, note VARCHAR(64))");
                    st.execute("DELETE FROM people");
                    for (String l : literals) {
                        st.execute("INSERT INTO people (name, note) VALUES (" + l + ", 'n')");
                    }
                    try (ResultSet rs = st.executeQuery("SELECT name FROM people ORDER BY name")) {
                        while (rs.next()) expected.add(rs.getString(1));
                    }
                }
                try (Connection c = DriverManager.getConnection(keyed.mariadbUrl("names"), "root", "");
                     Statement st = c.createStatement()) {
                    st.execute("SET sql_mode = '" + mode + "'");
                    for (String l : literals) {
                        String lit = l;
                        st.execute("INSERT INTO people (name, note) VALUES (" + lit + ", 'n')");
                        // the same text finds it again (routed by the same value)
                        try (ResultSet rs = st.executeQuery("SELECT name FROM people WHERE name = " + lit)) {
                            assertThat(rs.next()).as(lit + " under '" + mode + "'").isTrue();
                        }
                    }
                }
                // the literal in a server-side prepared statement's text reads the same
                try (Connection p = DriverManager.getConnection(keyed.mariadbUrl("names") + "?useServerPrepStmts=true", "root", "")) {
                    try (Statement st = p.createStatement()) {
                        st.execute("SET sql_mode = '" + mode + "'");
                    }
                    try (PreparedStatement ps = p.prepareStatement("SELECT name FROM people WHERE name = " + literals.get(0) + " AND note = ?")) {
                        ps.setString(1, "n");
                        try (ResultSet rs = ps.executeQuery()) {
                            assertThat(rs.next()).as("prepared " + literals.get(0) + " under '" + mode + "'").isTrue();
                            assertThat(rs.getString(1)).isEqualTo(expected.stream().filter(v -> v.startsWith(prefix + "a")).findFirst().orElseThrow());
                        }
                    }
                }
                List<String> stored = new ArrayList<>();
                io.dbmesh.sharding.algorithm.HashModShardFunction hash = new io.dbmesh.sharding.algorithm.HashModShardFunction();
                for (int shard = 0; shard < 2; shard++) {
                    try (Connection c = db.connect(shard == 0 ? K0 : K1); Statement st = c.createStatement();
                         ResultSet rs = st.executeQuery("SELECT name FROM people WHERE name LIKE '" + prefix + "%'")) {
                        while (rs.next()) {
                            String v = rs.getString(1);
                            assertThat(hash.shard(v, 2)).as("shard of " + v).isEqualTo(shard);
                            stored.add(v);
                        }
                    }
                }
                assertThat(stored).as("under '" + mode + "'").containsExactlyInAnyOrderElementsOf(expected);
            }
        } finally {
            db.execute("DROP DATABASE IF EXISTS " + direct, // the other tests count the table's rows
                    "DELETE FROM " + K0 + ".people WHERE name LIKE 'nbe %' OR name LIKE 'esc %'",
                    "DELETE FROM " + K1 + ".people WHERE name LIKE 'nbe %' OR name LIKE 'esc %'");
        }
    }
}
