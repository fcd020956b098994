package io.dbmesh.proxy.session;

import io.dbmesh.proxy.command.BoundParameter;
import io.dbmesh.core.error.MySqlException;
import io.dbmesh.core.result.ColumnType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The plain passthrough path against the real MariaDB: queries, DML, errors, prepared statements. */
// needs the MariaDB at 127.0.0.1:3306 (README "Tests": -DexcludedGroups=mariadb runs the others without it)
@Tag("mariadb")
class PassthroughTest {

    static TestBackend backend;
    SessionCommandHandler session;

    @BeforeAll
    static void start() throws Exception {
        TestBackend.createSchemas();
        try (Connection c = TestBackend.direct("exec_app"); Statement st = c.createStatement()) {
            st.execute("CREATE OR REPLACE TABLE pt_items (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(20) NOT NULL, qty INT)");
        }
        backend = new TestBackend(4);
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @BeforeEach
    void open() throws MySqlException {
        session = backend.open("app");
    }

    @AfterEach
    void close() {
        session.close();
    }

    CollectingSink query(String sql) {
        return CollectingSink.query(session, sql);
    }

    @Test
    void explainRouteShowsTheOneUnshardedRouteToTheDataSource() {
        CollectingSink.Rows rows = query("EXPLAIN ROUTE SELECT name FROM pt_items WHERE id = 1").rows();
        assertThat(rows.columns()).extracting(c -> c.name()).containsExactly("data_source", "physical_sql", "parameters", "plan");
        assertThat(rows.text(0, 0)).isEqualTo("ds0");
        assertThat(rows.text(0, 1)).isEqualTo("SELECT name FROM pt_items WHERE id = 1");
        assertThat(rows.text(0, 2)).isNull();
        assertThat(rows.text(0, 3)).isEqualTo("Route UNSHARDED\n  ds0: SELECT name FROM pt_items WHERE id = 1\n");
    }

    @Test
    void selectReturnsTextValuesAndColumnMetadataInTheLogicalSchema() {
        query("INSERT INTO pt_items (name, qty) VALUES ('apple', 3)");
        CollectingSink.Rows rows = query("SELECT id, name AS label, qty FROM pt_items WHERE name = 'apple'").rows();
        assertThat(rows.text(0, 1)).isEqualTo("apple");
        assertThat(rows.text(0, 2)).isEqualTo("3");
        assertThat(rows.columns().get(1).name()).isEqualTo("label");
        assertThat(rows.columns().get(1).orgName()).isEqualTo("name");
        assertThat(rows.columns().get(1).orgTable()).isEqualTo("pt_items");
        assertThat(rows.columns().get(1).schema()).isEqualTo("app"); // not the physical exec_app
        assertThat(rows.columns().get(0).type()).isEqualTo(ColumnType.LONG);
        assertThat(rows.more()).isFalse();
    }

    @Test
    void insertReportsAffectedRowsAndLastInsertId() {
        CollectingSink.Ok ok = query("INSERT INTO pt_items (name, qty) VALUES ('a', 1), ('b', 2)").ok();
        assertThat(ok.update().affectedRows()).isEqualTo(2);
        assertThat(ok.update().lastInsertId()).isPositive();
        CollectingSink.Rows rows = query("SELECT LAST_INSERT_ID()").rows();
        assertThat(rows.text(0, 0)).isEqualTo(Long.toString(ok.update().lastInsertId()));
    }

    @Test
    void backendErrorsPassThroughWithoutTheDriverPrefix() {
        CollectingSink.Error e = query("SELECT * FROM no_such_table").error();
        assertThat(e.code()).isEqualTo(1146);
        assertThat(e.sqlState()).isEqualTo("42S02");
        // the backend names its physical schema exec_app: the client reads the logical database
        assertThat(e.message()).isEqualTo("Table 'app.no_such_table' doesn't exist");

        CollectingSink.Error syntax = query("SELEC 1").error();
        assertThat(syntax.code()).isEqualTo(1064);
        assertThat(syntax.sqlState()).isEqualTo("42000");
        assertThat(syntax.message()).startsWith("You have an error in your SQL syntax");
    }

    @Test
    void preparedStatementRoundTrip() {
        CollectingSink prep = new CollectingSink(session);
        session.prepare("SELECT name, qty FROM pt_items WHERE name = ? AND qty >= ?", prep);
        assertThat(prep.prepared).isNotNull();
        assertThat(prep.prepared.parameters()).hasSize(2);
        assertThat(prep.prepared.columns()).extracting(c -> c.name()).containsExactly("name", "qty");
        query("INSERT INTO pt_items (name, qty) VALUES ('it''s', 7)");

        CollectingSink exec = new CollectingSink(session);
        session.execute(prep.prepared.statementId(), 0, List.of(
                new BoundParameter(ColumnType.VAR_STRING, false, "it's"),
                new BoundParameter(ColumnType.LONGLONG, false, 5L)), exec);
        CollectingSink.Rows rows = exec.rows();
        assertThat(rows.rows()).hasSize(1);
        assertThat(rows.text(0, 0)).isEqualTo("it's");
        assertThat(rows.text(0, 1)).isEqualTo("7");
    }

    @Test
    void prepareSyntaxErrorComesFromTheBackend() {
        CollectingSink prep = new CollectingSink(session);
        session.prepare("SELECT FROM WHERE ?", prep);
        assertThat(prep.prepared).isNull();
        assertThat(prep.error().code()).isEqualTo(1064);
    }

    @Test
    void executeOfUnknownStatementIsAnError() {
        CollectingSink exec = new CollectingSink(session);
        session.execute(999, 0, List.of(), exec);
        assertThat(exec.error().code()).isEqualTo(1243);
    }

    @Test
    void databaseFunctionAndShowDatabasesUseLogicalNames() {
        CollectingSink.Rows db = query("SELECT DATABASE()").rows();
        assertThat(db.text(0, 0)).isEqualTo("app");
        assertThat(db.columns().get(0).name()).isEqualTo("DATABASE()");
        CollectingSink.Rows dbs = query("SHOW DATABASES").rows();
        assertThat(dbs.rows()).extracting(r -> new String(r[0])).containsExactly("app", "information_schema", "other");
        CollectingSink.Rows like = query("show schemas like 'ot%'").rows();
        assertThat(like.rows()).extracting(r -> new String(r[0])).containsExactly("other");
        assertThat(like.columns().get(0).name()).isEqualTo("Database (ot%)");
    }

    @Test
    void useChecksGrantsAndExistence() throws MySqlException {
        assertThat(query("USE other").ok().more()).isFalse();
        assertThat(query("SELECT DATABASE()").rows().text(0, 0)).isEqualTo("other");
        assertThat(query("SELECT DATABASE() AS d, 1 FROM DUAL").rows().text(0, 0)).isEqualTo("other");
        assertThat(query("USE nope").error().code()).isEqualTo(1049);

        SessionCommandHandler limited = backend.open("app_only", "app", TestBackend.CLIENT_PROTOCOL_41);
        try {
            CollectingSink sink = new CollectingSink(limited);
            limited.initDb("other", sink);
            assertThat(sink.error().code()).isEqualTo(1044);
            assertThat(sink.error().message()).isEqualTo("Access denied for user 'app_only'@'127.0.0.1' to database 'other'");
        } finally {
            limited.close();
        }
        assertThatThrownBy(() -> backend.open("app_only", "other", TestBackend.CLIENT_PROTOCOL_41))
                .isInstanceOf(MySqlException.class).extracting("errorCode").isEqualTo(1044);
        assertThatThrownBy(() -> backend.open("root", "missing", TestBackend.CLIENT_PROTOCOL_41))
                .isInstanceOf(MySqlException.class).extracting("errorCode").isEqualTo(1049);
    }

    @Test
    void maxAllowedPacketAndVersionAreTheSidecars() {
        CollectingSink.Rows rows = query("SELECT @@max_allowed_packet, @@version, @@version_comment").rows();
        assertThat(rows.columns().get(0).name()).isEqualTo("@@max_allowed_packet");
        long max = Long.parseLong(rows.text(0, 0));
        assertThat(max).isLessThanOrEqualTo(64L * 1024 * 1024);
        assertThat(rows.text(0, 1)).isEqualTo("10.11.0-MariaDB-dbmesh");
        assertThat(rows.text(0, 2)).isNotEmpty();
        assertThat(query("SELECT VERSION()").rows().text(0, 0)).isEqualTo("10.11.0-MariaDB-dbmesh");
    }

    @Test
    void showVariablesReportsTheSidecarsLimits() {
        CollectingSink.Rows rows = query("SHOW VARIABLES WHERE Variable_name IN ('max_allowed_packet', 'version', 'wait_timeout')").rows();
        java.util.Map<String, String> vars = new java.util.HashMap<>();
        for (int i = 0; i < rows.rows().size(); i++) {
            vars.put(rows.text(i, 0), rows.text(i, 1));
        }
        assertThat(Long.parseLong(vars.get("max_allowed_packet"))).isLessThanOrEqualTo(64L * 1024 * 1024);
        assertThat(vars.get("version")).isEqualTo("10.11.0-MariaDB-dbmesh");
        assertThat(vars.get("wait_timeout")).isNotEmpty();
    }

    @Test
    void smallerSidecarLimitWins() throws MySqlException {
        try (TestBackend small = new TestBackend(1, 4096)) {
            SessionCommandHandler s = small.open("app");
            try {
                CollectingSink sink = new CollectingSink(s);
                s.query("SELECT @@max_allowed_packet", sink);
                assertThat(sink.rows().text(0, 0)).isEqualTo("4096");
                CollectingSink show = new CollectingSink(s);
                s.query("SHOW SESSION VARIABLES LIKE 'max_allowed_packet'", show);
                assertThat(show.rows().text(0, 1)).isEqualTo("4096");
            } finally {
                s.close();
            }
        }
    }

    @Test
    void fieldListDescribesTheColumns() {
        CollectingSink sink = new CollectingSink(session);
        session.fieldList("pt_items", "", sink);
        CollectingSink.Rows rows = sink.rows();
        assertThat(rows.rows()).isEmpty();
        assertThat(rows.columns()).extracting(c -> c.name()).containsExactly("id", "name", "qty");
        CollectingSink filtered = new CollectingSink(session);
        session.fieldList("pt_items", "n%", filtered);
        assertThat(filtered.rows().columns()).extracting(c -> c.name()).containsExactly("name");
        CollectingSink missing = new CollectingSink(session);
        session.fieldList("nope", "", missing);
        assertThat(missing.error().code()).isEqualTo(1146);
    }

    @Test
    void statisticsLooksLikeMysqls() {
        query("SELECT 1");
        assertThat(session.statistics()).matches("Uptime: \\d+  Threads: \\d+  Questions: \\d+  Slow queries: 0  Opens: 0  Open tables: 0  Queries per second avg: [0-9.]+");
    }

    @Test
    void informationSchemaIsAlwaysUsable() {
        assertThat(query("USE information_schema").ok()).isNotNull();
        assertThat(query("SELECT DATABASE()").rows().text(0, 0)).isEqualTo("information_schema");
        assertThat(query("SELECT COUNT(*) > 0 FROM TABLES").rows().text(0, 0)).isEqualTo("1");
        assertThat(query("USE app").ok()).isNotNull();
        assertThat(query("SHOW TABLES LIKE 'pt_items'").rows().text(0, 0)).isEqualTo("pt_items");
    }

    @Test
    void affectedRowsFollowTheClientsFoundRowsFlag() throws MySqlException {
        query("INSERT INTO pt_items (name, qty) VALUES ('same', 1)");
        // the mysql CLI: rows changed
        assertThat(query("UPDATE pt_items SET qty = 1 WHERE name = 'same'").ok().update().affectedRows()).isZero();
        // JDBC drivers negotiate CLIENT_FOUND_ROWS: rows matched
        SessionCommandHandler jdbc = backend.open("root", "app",
                TestBackend.CLIENT_PROTOCOL_41 | TestBackend.CLIENT_FOUND_ROWS);
        try {
            CollectingSink sink = new CollectingSink(jdbc);
            jdbc.query("UPDATE pt_items SET qty = 1 WHERE name = 'same'", sink);
            assertThat(sink.ok().update().affectedRows()).isEqualTo(1);
        } finally {
            jdbc.close();
        }
    }

    @Test
    void anUnreachableBackendIsAClearErrorNotAHang() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        var pool = new io.dbmesh.proxy.config.DataSourceConfig.PoolConfig(1, 0, java.time.Duration.ofMillis(500),
                java.time.Duration.ofMinutes(1), java.time.Duration.ofMinutes(5));
        var config = new io.dbmesh.proxy.config.DbmeshConfig(backend.config.listener(), backend.config.tls(), backend.config.users(),
                java.util.Map.of("down", new io.dbmesh.proxy.config.DataSourceConfig("down",
                        "jdbc:mariadb://127.0.0.1:" + closedPort + "/x", "root", "", pool)),
                java.util.Map.of("gone", new io.dbmesh.proxy.config.LogicalDatabaseConfig("gone", "down")));
        try (var registry = io.dbmesh.proxy.backend.BackendRegistry.open(config)) {
            var s = (SessionCommandHandler) new SessionFactory(config, registry).open(new io.dbmesh.proxy.command.ClientInfo(
                    99, "root", "gone", TestBackend.CLIENT_PROTOCOL_41, 45, java.util.Map.of(), null, false));
            long t0 = System.nanoTime();
            CollectingSink sink = new CollectingSink(s);
            s.query("SELECT 1", sink);
            assertThat(sink.error().code()).isEqualTo(1105);
            assertThat(sink.error().message()).startsWith("Backend data source 'down' is unavailable");
            assertThat(System.nanoTime() - t0).isLessThan(5_000_000_000L);
            s.close();
        }
    }

    @Test
    void loadDataLocalOfAClientThatSendsNoFilesIsRefusedAsMariaDbRefusesIt() {
        CollectingSink.Error e = query("LOAD DATA LOCAL INFILE '/etc/hosts' INTO TABLE pt_items").error(); // no CLIENT_LOCAL_FILES
        assertThat(e.code()).isEqualTo(4166);
        assertThat(e.message()).contains("local infile capability");
    }
}
