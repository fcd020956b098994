package io.dbmesh.it;

import io.dbmesh.proxy.config.DataSourceConfig;
import io.dbmesh.proxy.config.DbmeshConfig;
import io.dbmesh.proxy.config.ListenerConfig;
import io.dbmesh.proxy.config.LogicalDatabaseConfig;
import io.dbmesh.proxy.config.TlsConfig;
import io.dbmesh.proxy.config.UserConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Session state never reaches another session through a pooled backend connection. The data
 * source has ONE backend connection, so session B (another user) is served by whatever session A
 * left behind: A sets some kind of state — through SET, or where the sidecar cannot see it (a
 * compound statement, EXECUTE IMMEDIATE, a routine, a stored function, a trigger, PREPARE) — and
 * disconnects, politely or abruptly (socket closed, no COM_QUIT); B must see a clean connection.
 * Real MariaDB Connector/J clients, the real sidecar in process.
 */
class SessionStateBleedTest {
    private static final String PHYSICAL = "session_bleed";
    private static final String DB = "bleed";
    private static SidecarFixture sidecar;
    private static MariaDbInstance backend;
    /** @@time_zone, @@max_statement_time, @@sql_log_bin, @@sql_mode of a fresh direct connection. */
    private static List<String> clean;

    @BeforeAll
    static void start() throws SQLException {
        backend = MariaDbServers.shared();
        backend.recreateDatabase(PHYSICAL);
        backend.execute(
                "CREATE TABLE " + PHYSICAL + ".t (id INT PRIMARY KEY) ENGINE=InnoDB",
                "CREATE TABLE " + PHYSICAL + ".other (id INT PRIMARY KEY) ENGINE=InnoDB",
                "CREATE TABLE " + PHYSICAL + ".trig (id INT) ENGINE=InnoDB",
                "CREATE PROCEDURE " + PHYSICAL + ".set_zone() BEGIN SET @@session.time_zone = '+05:00';"
                        + " SET @@session.max_statement_time = 7; SET @@session.sql_log_bin = 0; END",
                "CREATE PROCEDURE " + PHYSICAL + ".take_lock() SELECT GET_LOCK('session_bleed_p', 0)",
                "CREATE FUNCTION " + PHYSICAL + ".zone_fn() RETURNS INT BEGIN SET @@session.time_zone = '+05:00';"
                        + " SET @from_fn = 1; RETURN 1; END",
                "CREATE TRIGGER " + PHYSICAL + ".trig_bi BEFORE INSERT ON " + PHYSICAL + ".trig FOR EACH ROW"
                        + " SET @@session.max_statement_time = 7");
        DataSourceConfig ds = new DataSourceConfig("ds0", backend.jdbcUrl(PHYSICAL), backend.user(), backend.password(),
                new DataSourceConfig.PoolConfig(1, 1, Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofMinutes(30)));
        // alice is an admin: sql_log_bin needs it (as SUPER on MariaDB); bob is not
        List<UserConfig> users = List.of(new UserConfig("alice", "", Set.of(DB), "mysql_native_password", true),
                new UserConfig("bob", "", Set.of(DB), "mysql_native_password"));
        sidecar = SidecarFixture.start(new DbmeshConfig(new ListenerConfig("127.0.0.1", 0, 64, 64L << 20,
                ListenerConfig.DEFAULT_VERSION), new TlsConfig(false, null, null, false), users, Map.of("ds0", ds),
                Map.of(DB, new LogicalDatabaseConfig(DB, "ds0"))));
        // what the same client sees on a fresh connection straight to MariaDB
        try (Connection c = DriverManager.getConnection(backend.jdbcUrl(PHYSICAL) + "?jdbcCompliantTruncation=false",
                backend.user(), backend.password())) {
            clean = probe(c);
        }
    }

    @AfterAll
    static void stop() {
        if (sidecar != null) sidecar.close();
        MariaDbServers.shared().execute("DROP DATABASE IF EXISTS " + PHYSICAL);
    }

    private static List<String> probe(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT @@time_zone, @@max_statement_time, @@sql_log_bin, @@session.sql_mode")) {
            rs.next();
            List<String> out = new ArrayList<>();
            for (int i = 1; i <= 4; i++) out.add(rs.getString(i));
            return out;
        }
    }

    private static Connection connect(String user) throws SQLException {
        // jdbcCompliantTruncation=false: the client's own sql_mode stays the server's, comparable with `clean`
        return DriverManager.getConnection(sidecar.mariadbUrl(DB) + "?jdbcCompliantTruncation=false", user, "");
    }

    private static void run(Connection c, String... statements) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
                while (st.getMoreResults() || st.getUpdateCount() != -1) {
                    // drain every result of a CALL or compound statement
                }
            }
        }
    }

    private static String value(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Session A (alice) runs {@code statements} and leaves: politely or by closing its socket. */
    private static void sessionALeaves(boolean abruptly, String... statements) throws SQLException {
        Connection a = connect("alice");
        run(a, statements);
        if (abruptly) {
            a.abort(Executors.newSingleThreadExecutor()); // no COM_QUIT: the socket just closes
        } else {
            a.close();
        }
    }

    private static void assertCleanVariables(Connection b) throws SQLException {
        assertThat(probe(b)).as("@@time_zone, @@max_statement_time, @@sql_log_bin, @@sql_mode").isEqualTo(clean);
    }

    @ParameterizedTest(name = "abruptly={0}")
    @ValueSource(booleans = {false, true})
    void sessionVariablesSetWithSet(boolean abruptly) throws SQLException {
        sessionALeaves(abruptly, "SET time_zone = '+05:00', max_statement_time = 7, sql_log_bin = 0");
        try (Connection b = connect("bob")) {
            assertCleanVariables(b);
        }
    }

    @ParameterizedTest(name = "abruptly={0}")
    @ValueSource(booleans = {false, true})
    void sessionVariablesSetInACompoundStatement(boolean abruptly) throws SQLException {
        sessionALeaves(abruptly, "BEGIN NOT ATOMIC SET @@session.time_zone = '+05:00'; SET @@session.max_statement_time = 7;"
                + " SET @@session.sql_log_bin = 0; END");
        try (Connection b = connect("bob")) {
            assertCleanVariables(b);
        }
    }

    @ParameterizedTest(name = "abruptly={0}")
    @ValueSource(booleans = {false, true})
    void sessionVariablesSetByExecuteImmediate(boolean abruptly) throws SQLException {
        sessionALeaves(abruptly, "EXECUTE IMMEDIATE 'SET @@session.time_zone = ''+05:00'', sql_log_bin = 0'");
        try (Connection b = connect("bob")) {
            assertCleanVariables(b);
        }
    }

    @ParameterizedTest(name = "abruptly={0}")
    @ValueSource(booleans = {false, true})
    void sessionVariablesSetByARoutine(boolean abruptly) throws SQLException {
        sessionALeaves(abruptly, "CALL set_zone()");
        try (Connection b = connect("bob")) {
            assertCleanVariables(b);
        }
    }

    @ParameterizedTest(name = "abruptly={0}")
    @ValueSource(booleans = {false, true})
    void sessionVariablesSetByAPreparedSet(boolean abruptly) throws SQLException {
        sessionALeaves(abruptly, "PREPARE s FROM 'SET @@session.time_zone = ''+05:00'''", "EXECUTE s", "DEALLOCATE PREPARE s");
        try (Connection b = connect("bob")) {
            assertCleanVariables(b);
        }
    }

    @ParameterizedTest(name = "abruptly={0}")
    @ValueSource(booleans = {false, true})
    void stateSetByAStoredFunctionOrATrigger(boolean abruptly) throws SQLException {
        // plain SELECT and INSERT: only the backend's session-state-changed flag tells
        sessionALeaves(abruptly, "SELECT zone_fn()", "INSERT INTO trig VALUES (1)");
        try (Connection b = connect("bob")) {
            assertCleanVariables(b);
            assertThat(value(b, "SELECT @from_fn")).isNull();
        }
    }

    @ParameterizedTest(name = "abruptly={0}")
    @ValueSource(booleans = {false, true})
    void setStatementFor(boolean abruptly) throws SQLException {
        try (Connection a = connect("alice")) { // its statement's result, not an OK
            assertThat(value(a, "SET STATEMENT max_statement_time = 9 FOR SELECT @@max_statement_time")).isEqualTo("9.000000");
        }
        sessionALeaves(abruptly, "SET STATEMENT max_statement_time = 9 FOR CALL set_zone()");
        try (Connection b = connect("bob")) {
            assertCleanVariables(b);
        }
    }

    @ParameterizedTest(name = "abruptly={0}")
    @ValueSource(booleans = {false, true})
    void userVariables(boolean abruptly) throws SQLException {
        sessionALeaves(abruptly, "SET @u = 1", "SELECT @v := 2", "SELECT 3 INTO @w", "DO @x := 4",
                "EXECUTE IMMEDIATE 'SET @y = 5'", "BEGIN NOT ATOMIC SET @z = 6; END");
        try (Connection b = connect("bob")) {
            assertThat(value(b, "SELECT CONCAT_WS(',', @u, @v, @w, @x, @y, @z)")).isEmpty();
        }
    }

    @ParameterizedTest(name = "abruptly={0}")
    @ValueSource(booleans = {false, true})
    void temporaryTables(boolean abruptly) throws SQLException {
        sessionALeaves(abruptly, "CREATE TEMPORARY TABLE tmp_a (i INT)", "BEGIN NOT ATOMIC CREATE TEMPORARY TABLE tmp_b (i INT); END");
        try (Connection b = connect("bob")) {
            for (String table : List.of("tmp_a", "tmp_b")) {
                assertThatThrownBy(() -> value(b, "SELECT COUNT(*) FROM " + table))
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1146));
            }
        }
    }

    @ParameterizedTest(name = "abruptly={0}")
    @ValueSource(booleans = {false, true})
    void namedLocks(boolean abruptly) throws SQLException {
        sessionALeaves(abruptly, "SELECT GET_LOCK('session_bleed_a', 0)", "CALL take_lock()");
        try (Connection b = connect("bob")) {
            // B's backend connection holds neither lock (A's server thread may still be releasing them)
            String mine = value(b, "SELECT @@pseudo_thread_id");
            for (String lock : List.of("session_bleed_a", "session_bleed_p")) {
                assertThat(value(b, "SELECT IS_USED_LOCK('" + lock + "')")).as(lock).isNotEqualTo(mine);
                assertThat(value(b, "SELECT RELEASE_LOCK('" + lock + "')")).as(lock).isNotEqualTo("1");
            }
        }
    }

    @ParameterizedTest(name = "abruptly={0}")
    @ValueSource(booleans = {false, true})
    void tableLocks(boolean abruptly) throws SQLException {
        sessionALeaves(abruptly, "LOCK TABLES t WRITE");
        try (Connection b = connect("bob")) {
            // a connection still under LOCK TABLES refuses any table it did not lock (1100)
            assertThat(value(b, "SELECT COUNT(*) FROM other")).isEqualTo("0");
        }
    }

    @ParameterizedTest(name = "abruptly={0}")
    @ValueSource(booleans = {false, true})
    void backendPreparedStatements(boolean abruptly) throws SQLException {
        sessionALeaves(abruptly, "PREPARE leftover FROM 'SELECT 1'");
        try (Connection b = connect("bob")) {
            assertThatThrownBy(() -> run(b, "EXECUTE leftover"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1243));
        }
    }

    @ParameterizedTest(name = "abruptly={0}")
    @ValueSource(booleans = {false, true})
    void openTransactions(boolean abruptly) throws SQLException {
        sessionALeaves(abruptly, "START TRANSACTION", "INSERT INTO t VALUES (1)", "SET @in_a_transaction = 1");
        try (Connection b = connect("bob")) {
            assertThat(value(b, "SELECT @@in_transaction")).isEqualTo("0");
            assertThat(value(b, "SELECT COUNT(*) FROM t")).isEqualTo("0");
        }
    }

    @ParameterizedTest(name = "abruptly={0}")
    @ValueSource(booleans = {false, true})
    void openXaTransactions(boolean abruptly) throws SQLException {
        Connection a = connect("alice");
        try {
            run(a, "XA START 'session_bleed'");
        } catch (SQLException refused) {
            a.close();
            assumeThat(refused.getMessage()).as("XA passes through this sidecar").isNull();
        }
        run(a, "INSERT INTO t VALUES (2)");
        if (abruptly) a.abort(Executors.newSingleThreadExecutor());
        else a.close();
        try (Connection b = connect("bob")) {
            assertThat(value(b, "SELECT @@in_transaction")).isEqualTo("0");
            assertThat(value(b, "SELECT COUNT(*) FROM t")).isEqualTo("0");
            run(b, "XA START 'session_bleed_b'", "XA END 'session_bleed_b'", "XA ROLLBACK 'session_bleed_b'");
        }
    }
}
