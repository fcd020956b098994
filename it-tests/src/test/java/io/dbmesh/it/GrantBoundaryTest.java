package io.dbmesh.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
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
 * A user's {@code databases:} grant is a boundary: user {@code app}, granted only logical database
 * {@code grants_app}, tries each way out of it through both Connector/Js and the {@code mariadb}
 * CLI and gets MySQL's errors (1044 for schemas, 1142 for tables, 1227 for server-wide and file
 * statements, 1235 for SQL text that cannot be checked); admin {@code dba} may do them.
 */
class GrantBoundaryTest {
    private static final long PID = ProcessHandle.current().pid();
    /** app's own logical database, on a physical schema with another name */
    private static final String APP = "grants_app";
    private static final String APP_PHYSICAL = "grants_app_phys_" + PID;
    /** another logical database app is not granted */
    private static final String OTHER = "grants_other";
    private static final String OTHER_PHYSICAL = "grants_other_phys_" + PID;
    /** a schema of the backend that is no logical database at all */
    private static final String SECRET = "grants_secret_" + PID;
    private static MariaDbInstance db;
    private static SidecarFixture sidecar;

    @BeforeAll
    static void start() {
        db = MariaDbServers.shared();
        db.recreateDatabase(APP_PHYSICAL);
        db.recreateDatabase(OTHER_PHYSICAL);
        db.recreateDatabase(SECRET);
        db.execute("CREATE TABLE " + APP_PHYSICAL + ".t (id INT PRIMARY KEY, v VARCHAR(20))",
                "INSERT INTO " + APP_PHYSICAL + ".t VALUES (1, 'mine')",
                "CREATE TABLE " + OTHER_PHYSICAL + ".t (id INT PRIMARY KEY, v VARCHAR(20))",
                "INSERT INTO " + OTHER_PHYSICAL + ".t VALUES (1, 'other')",
                "CREATE TABLE " + SECRET + ".t (id INT PRIMARY KEY, v VARCHAR(20))",
                "INSERT INTO " + SECRET + ".t VALUES (1, 'secret')");
        sidecar = SidecarFixture.fromYaml("""
                users:
                  - { name: app, password: app-pw, databases: [%s] }
                  - { name: dba, password: dba-pw, databases: ["*"], admin: true }
                data_sources:
                  ds0: { url: "%s", user: "%s", password: "%s" }
                  ds1: { url: "%s", user: "%s", password: "%s" }
                databases:
                  %s: { data_source: ds0 }
                  %s: { data_source: ds1 }
                """.formatted(APP, db.jdbcUrl(APP_PHYSICAL), db.user(), db.password(),
                db.jdbcUrl(OTHER_PHYSICAL), db.user(), db.password(), APP, OTHER), Map.of());
    }

    @AfterAll
    static void stop() {
        if (sidecar != null) sidecar.close();
        db.execute("DROP DATABASE IF EXISTS " + APP_PHYSICAL, "DROP DATABASE IF EXISTS " + OTHER_PHYSICAL,
                "DROP DATABASE IF EXISTS " + SECRET);
    }

    private static Connection app(String driver) throws SQLException {
        String url = driver.equals("mysql") ? sidecar.mysqlUrl(APP) : sidecar.mariadbUrl(APP);
        return DriverManager.getConnection(url, "app", "app-pw");
    }

    private static Connection dba() throws SQLException {
        return DriverManager.getConnection(sidecar.mariadbUrl(APP), "dba", "dba-pw");
    }

    private static int errorOf(Connection c, String sql) {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
            return 0;
        } catch (SQLException e) {
            return e.getErrorCode();
        }
    }

    private static List<String> column(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    /** Statement → the error code app gets. */
    static final String[][] ATTACKS = {
            {"SELECT * FROM " + SECRET + ".t", "1044"},
            {"SELECT * FROM `" + SECRET + "`.`t`", "1044"},
            {"SELECT * FROM " + OTHER_PHYSICAL + ".t", "1044"},
            {"SELECT * FROM " + OTHER + ".t", "1044"},
            {"SELECT * FROM " + APP_PHYSICAL + ".t", "1044"}, // its own physical name is not a name it has
            {"SELECT * FROM t WHERE id IN (SELECT id FROM " + SECRET + ".t)", "1044"},
            {"SELECT * FROM t, " + SECRET + ".t x", "1044"},
            {"INSERT INTO t SELECT * FROM " + SECRET + ".t", "1044"},
            {"CREATE VIEW v_leak AS SELECT * FROM " + SECRET + ".t", "1044"},
            {"SELECT User, Password FROM mysql.user", "1044"},
            {"SELECT * FROM performance_schema.threads", "1044"},
            {"SELECT * FROM sys.version", "1044"},
            {"SELECT mysql.f()", "1044"},
            {"USE mysql", "1044"},
            {"USE " + SECRET, "1044"},
            {"SHOW TABLES FROM mysql", "1044"},
            {"SHOW TABLES FROM " + SECRET, "1044"},
            {"SHOW CREATE DATABASE " + OTHER, "1044"},
            {"DROP DATABASE " + SECRET, "1044"},
            {"CREATE DATABASE grants_new_" + PID, "1044"},
            {"SELECT * FROM information_schema.USER_PRIVILEGES", "1142"},
            {"SELECT * FROM information_schema.INNODB_TRX", "1142"},
            {"SELECT LOAD_FILE('/etc/passwd')", "1227"},
            {"SELECT * FROM t INTO OUTFILE '/tmp/grants_leak_" + PID + "'", "1227"},
            {"SELECT * FROM t INTO DUMPFILE '/tmp/grants_leak_" + PID + "'", "1227"},
            {"LOAD DATA INFILE '/etc/passwd' INTO TABLE t", "1227"},
            {"CREATE USER grants_evil IDENTIFIED BY 'x'", "1227"},
            {"DROP USER root", "1227"},
            {"ALTER USER root IDENTIFIED BY 'x'", "1227"},
            {"GRANT ALL ON *.* TO app", "1227"},
            {"REVOKE ALL ON *.* FROM root", "1227"},
            {"SET GLOBAL max_connections = 5", "1227"},
            {"SET @@global.max_connections = 5", "1227"},
            {"SET sql_log_bin = 0", "1227"},
            {"SET PASSWORD = PASSWORD('x')", "1227"},
            {"SHUTDOWN", "1227"},
            {"FLUSH PRIVILEGES", "1227"},
            {"RESET MASTER", "1227"},
            {"PURGE BINARY LOGS BEFORE NOW()", "1227"},
            {"CHANGE MASTER TO MASTER_HOST = 'x'", "1227"},
            {"INSTALL SONAME 'ha_connect'", "1227"},
            {"UNINSTALL PLUGIN foo", "1227"},
            {"PREPARE s FROM 'KILL 1'", "1227"},
            {"PREPARE s FROM 'SELECT * FROM " + SECRET + ".t'", "1044"},
            {"PREPARE s FROM 'SELECT * FROM mysql.user'", "1044"},
            {"EXECUTE IMMEDIATE 'SELECT User FROM mysql.user'", "1044"},
            {"EXECUTE IMMEDIATE 'CREATE USER grants_evil'", "1227"},
            {"PREPARE s FROM @q", "1235"},
            {"EXECUTE IMMEDIATE @q", "1235"},
            {"EXECUTE IMMEDIATE CONCAT('KILL ', 1)", "1235"},
            {"BEGIN NOT ATOMIC SELECT * FROM mysql.user; END", "1044"},
            {"BEGIN NOT ATOMIC SET @@global.max_connections = 5; END", "1227"},
            {"BEGIN NOT ATOMIC KILL 1; END", "1227"},
            {"CREATE PROCEDURE p_leak() BEGIN CREATE USER grants_evil; END", "1227"},
            {"CREATE PROCEDURE p_leak() SELECT * FROM " + SECRET + ".t", "1044"},
            {"CREATE TRIGGER tr_leak BEFORE INSERT ON t FOR EACH ROW SET @x = LOAD_FILE('/etc/passwd')", "1227"},
            {"CREATE EVENT e_leak ON SCHEDULE EVERY 1 DAY DO GRANT ALL ON *.* TO app", "1227"},
            {"SHOW ENGINE INNODB STATUS", "1227"},
    };

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mariadb", "mysql"})
    void everyWayOutIsRefusedWithMySqlsError(String driver) throws SQLException {
        List<String> wrong = new ArrayList<>();
        try (Connection c = app(driver)) {
            for (String[] attack : ATTACKS) {
                int code = errorOf(c, attack[0]);
                if (code != Integer.parseInt(attack[1])) wrong.add(attack[0] + " -> " + code + " (want " + attack[1] + ")");
            }
            // and the session still works on its own database
            assertThat(column(c, "SELECT v FROM t")).containsExactly("mine");
        }
        assertThat(wrong).isEmpty();
        try (Connection direct = db.connect("mysql")) {
            assertThat(column(direct, "SELECT COUNT(*) FROM mysql.user WHERE User = 'grants_evil'")).containsExactly("0");
        }
    }

    @Test
    void informationSchemaShowsOnlyTheUsersDatabases() throws SQLException {
        try (Connection c = app("mariadb")) {
            List<String> schemas = column(c, "SELECT DISTINCT TABLE_SCHEMA FROM information_schema.TABLES");
            assertThat(schemas).doesNotContain(SECRET, OTHER_PHYSICAL, "mysql", "performance_schema", "sys");
            assertThat(column(c, "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA s"))
                    .doesNotContain(SECRET, OTHER_PHYSICAL, "mysql");
            assertThat(column(c, "SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '" + SECRET + "'"))
                    .containsExactly("0");
            assertThat(column(c, "SELECT COUNT(*) FROM information_schema.CHARACTER_SETS")).isNotEqualTo(List.of("0"));
            db.execute("CREATE PROCEDURE " + SECRET + ".p_secret() SELECT 1");
            assertThat(column(c, "SHOW PROCEDURE STATUS")).doesNotContain(SECRET);
            assertThat(column(c, "SHOW PROCEDURE STATUS LIKE 'p_secret'")).isEmpty();
            assertThat(column(c, "SHOW FUNCTION STATUS WHERE Db = '" + SECRET + "'")).isEmpty();
            assertThat(column(c, "SELECT ROUTINE_NAME FROM information_schema.ROUTINES")).doesNotContain("p_secret");
        }
    }

    @Test
    void processListShowsOnlyTheUsersOwnSessions() throws SQLException {
        try (Connection mine = app("mariadb"); Connection other = dba(); Connection mine2 = app("mysql")) {
            long myId = Long.parseLong(column(mine, "SELECT CONNECTION_ID()").get(0));
            long otherId = Long.parseLong(column(other, "SELECT CONNECTION_ID()").get(0));
            long mine2Id = Long.parseLong(column(mine2, "SELECT CONNECTION_ID()").get(0));
            for (String sql : List.of("SHOW PROCESSLIST", "SHOW FULL PROCESSLIST", "SELECT ID FROM information_schema.PROCESSLIST")) {
                List<String> ids = column(mine, sql);
                assertThat(ids).as(sql).contains(Long.toString(myId), Long.toString(mine2Id))
                        .doesNotContain(Long.toString(otherId));
            }
            assertThat(column(mine, "SELECT USER FROM information_schema.PROCESSLIST")).containsOnly("app");
            // another user's connection cannot be killed, the own one can
            assertThat(errorOf(mine, "KILL " + otherId)).isEqualTo(1095);
            assertThat(errorOf(mine, "KILL QUERY " + mine2Id)).isZero();
            assertThat(column(other, "SELECT 1")).containsExactly("1");
        }
    }

    @Test
    void anAdminMayDoWhatOthersMayNot() throws SQLException {
        try (Connection c = dba()) {
            assertThat(column(c, "SELECT v FROM " + SECRET + ".t")).containsExactly("secret");
            assertThat(column(c, "SELECT COUNT(*) FROM mysql.user")).isNotEqualTo(List.of("0"));
            assertThatCode(() -> c.createStatement().execute("SET GLOBAL max_connections = @@global.max_connections"))
                    .doesNotThrowAnyException();
            assertThat(column(c, "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA")).contains(SECRET, "mysql");
            assertThat(errorOf(c, "PREPARE s FROM 'SELECT v FROM " + SECRET + ".t'")).isZero();
        }
    }

    @Test
    void theCliGetsTheSameErrors() throws Exception {
        assumeTrue(MariaDbCli.installed(), "mariadb client not installed");
        MariaDbCli.Run run = MariaDbCli.run(sidecar.port(), "app", "app-pw", null, "--batch", APP,
                "-e", "SELECT User FROM mysql.user");
        assertThat(run.err()).contains("ERROR 1044 (42000)").contains("'mysql'");
        run = MariaDbCli.run(sidecar.port(), "app", "app-pw", null, "--batch", APP, "-e", "SELECT LOAD_FILE('/etc/passwd')");
        assertThat(run.err()).contains("ERROR 1227 (42000)").contains("FILE");
        run = MariaDbCli.run(sidecar.port(), "app", "app-pw", null, "--batch", APP, "-e", "PREPARE s FROM 'KILL 1'");
        assertThat(run.err()).contains("ERROR 1227 (42000)");
        run = MariaDbCli.run(sidecar.port(), "app", "app-pw", null, "--batch", "--skip-column-names", APP,
                "-e", "SELECT v FROM t; SHOW GRANTS");
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("mine").contains("GRANT ALL PRIVILEGES ON `" + APP + "`.* TO 'app'@");
        run = MariaDbCli.run(sidecar.port(), "dba", "dba-pw", null, "--batch", "--skip-column-names", APP,
                "-e", "SELECT v FROM " + SECRET + ".t");
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("secret\n");
    }
}
