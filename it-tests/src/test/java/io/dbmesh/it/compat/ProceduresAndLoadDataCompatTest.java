package io.dbmesh.it.compat;

import io.dbmesh.it.MariaDbInstance;
import io.dbmesh.it.MariaDbServers;
import io.dbmesh.it.OrdersExample;
import io.dbmesh.it.SidecarFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Connector/J {@code CallableStatement} with OUT and INOUT parameters through a passthrough
 * sidecar, both drivers, compared with MariaDB itself; and {@code LOAD DATA LOCAL INFILE}, whose
 * file the sidecar asks the client for and relays to the backend (passthrough: Connector/J and the
 * mariadb CLI, compared with MariaDB itself) and, into a sharded table, splits into rows that the
 * sharding engine routes by their shard key.
 */
class ProceduresAndLoadDataCompatTest {
    private static final long PID = ProcessHandle.current().pid();
    static final String PHYSICAL = "compat_proc_pt_" + PID, DIRECT = "compat_proc_direct_" + PID;
    static final String DS0 = "compat_proc_ds0_" + PID, DS1 = "compat_proc_ds1_" + PID;
    static MariaDbInstance db;
    static SidecarFixture passthrough;
    static SidecarFixture sharded;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws SQLException {
        db = MariaDbServers.shared();
        db.recreateDatabase(PHYSICAL);
        db.recreateDatabase(DIRECT);
        passthrough = SidecarFixture.passthrough(db, PHYSICAL, "app");
        sharded = OrdersExample.start(db, DS0, DS1);
        String procedure = "CREATE PROCEDURE compat_p(IN a INT, OUT doubled INT, INOUT acc VARCHAR(50))"
                + " BEGIN SELECT a AS in_value, 'it''s' AS quoted; SET doubled = a * 2; SET acc = CONCAT(acc, '+', a); END";
        String quiet = "CREATE PROCEDURE compat_q(OUT total DECIMAL(10,2), IN b VARCHAR(20)) BEGIN SET total = CHAR_LENGTH(b) * 1.5; END";
        try (Connection c = passthrough.connect("app"); Statement st = c.createStatement()) {
            st.execute(procedure);
            st.execute(quiet);
        }
        try (Connection c = db.connect(DIRECT); Statement st = c.createStatement()) {
            st.execute(procedure);
            st.execute(quiet);
        }
    }

    @AfterAll
    static void stop() {
        if (passthrough != null) passthrough.close();
        if (sharded != null) sharded.close();
        db.execute("DROP DATABASE IF EXISTS " + PHYSICAL, "DROP DATABASE IF EXISTS " + DIRECT,
                "DROP DATABASE IF EXISTS " + DS0, "DROP DATABASE IF EXISTS " + DS1);
    }

    /** What a CallableStatement program sees, as lines. */
    private static List<String> callBoth(String url) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "root", "")) {
            for (int round = 0; round < 2; round++) { // the second execution reuses the prepared call
                try (CallableStatement cs = c.prepareCall("{call compat_p(?, ?, ?)}")) {
                    cs.setInt(1, 21 + round);
                    cs.registerOutParameter(2, Types.INTEGER);
                    cs.setString(3, "o'x\\");
                    cs.registerOutParameter(3, Types.VARCHAR);
                    boolean hasResult = cs.execute();
                    if (hasResult) {
                        try (ResultSet rs = cs.getResultSet()) {
                            while (rs.next()) out.add("result: " + rs.getInt(1) + " " + rs.getString(2));
                        }
                    }
                    out.add("out: " + cs.getInt(2) + " " + cs.getString(3));
                }
            }
            try (CallableStatement cs = c.prepareCall("{call compat_q(?, ?)}")) {
                cs.registerOutParameter(1, Types.DECIMAL);
                cs.setString(2, "héllo");
                cs.execute();
                out.add("out: " + cs.getBigDecimal(1));
            }
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 1")) {
                rs.next();
                out.add("session goes on: " + rs.getInt(1));
            }
        }
        return out;
    }

    @Test
    void mariadbCallableStatementWithOutParameters() throws SQLException {
        List<String> expected = callBoth(db.jdbcUrl(DIRECT));
        assertThat(expected).contains("out: 42 o'x\\+21", "out: 7.50");
        assertThat(callBoth(passthrough.mariadbUrl("app"))).isEqualTo(expected);
    }

    private static final String MYSQL_OPTIONS = "?sslMode=DISABLED&allowPublicKeyRetrieval=true";

    private static List<String> mysqlOnMariaDb() throws SQLException {
        return callBoth("jdbc:mysql://" + db.host() + ":" + db.port() + "/" + DIRECT + MYSQL_OPTIONS);
    }

    /** MySQL Connector/J reads the procedure's parameters from mysql.proc by database name: here logical = physical. */
    @Test
    void mysqlCallableStatementWithOutParameters() throws SQLException {
        List<String> expected = mysqlOnMariaDb();
        try (SidecarFixture sameName = SidecarFixture.passthrough(db, DIRECT, DIRECT)) {
            assertThat(callBoth(sameName.mysqlUrl(DIRECT) + MYSQL_OPTIONS)).isEqualTo(expected);
            assertThat(callBoth(sameName.mysqlUrl(DIRECT) + MYSQL_OPTIONS + "&useServerPrepStmts=true")).isEqualTo(expected);
        }
    }

    /** It reads the parameters from mysql.proc by database name (db = 'app'): the sidecar shows logical names there. */
    @Test
    void mysqlCallableStatementWithOutParametersUnderAnotherPhysicalName() throws SQLException {
        List<String> expected = mysqlOnMariaDb();
        assertThat(callBoth(passthrough.mysqlUrl("app") + MYSQL_OPTIONS)).isEqualTo(expected);
        assertThat(callBoth(passthrough.mysqlUrl("app") + MYSQL_OPTIONS + "&useServerPrepStmts=true")).isEqualTo(expected);
    }

    /** A file with awkward values: quotes, a backslash escape, an enclosed comma, NULL (\\N), UTF-8, CRLF ends. */
    private static Path loadFile(String name) throws Exception {
        Path csv = dir.resolve(name);
        Files.writeString(csv, "1,\"it's\"\r\n2,\"a\\\\b\"\r\n3,\"x,y\"\r\n4,\\N\r\n5,\"caf\u00e9 \uD83D\uDE00\"\r\n",
                java.nio.charset.StandardCharsets.UTF_8);
        return csv;
    }

    private static final String LOAD = " INTO TABLE compat_load CHARACTER SET utf8mb4 FIELDS TERMINATED BY ','"
            + " OPTIONALLY ENCLOSED BY '\"' LINES TERMINATED BY '\\r\\n'";

    /** Loads the file through Connector/J and prints what the statement reported and the table holds. */
    private static List<String> loadWithConnectorJ(String url, Path csv) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "root", ""); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS compat_load");
            st.execute("CREATE TABLE compat_load (id INT PRIMARY KEY, v VARCHAR(20) CHARACTER SET utf8mb4)");
            out.add("loaded " + st.executeUpdate("LOAD DATA LOCAL INFILE '" + csv + "'" + LOAD));
            out.add("again, in a rolled back transaction: " + reloaded(c, st, csv));
            try (ResultSet rs = st.executeQuery("SELECT id, v, HEX(v) FROM compat_load ORDER BY id")) {
                while (rs.next()) out.add("row " + rs.getInt(1) + " " + rs.getString(2) + " " + rs.getString(3));
            }
            try (ResultSet rs = st.executeQuery("SELECT 'session goes on'")) {
                rs.next();
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static String reloaded(Connection c, Statement st, Path csv) throws SQLException {
        c.setAutoCommit(false);
        try {
            st.execute("DELETE FROM compat_load");
            int n = st.executeUpdate("LOAD DATA LOCAL INFILE '" + csv + "' REPLACE" + LOAD);
            c.rollback();
            return n + " rows";
        } finally {
            c.setAutoCommit(true);
        }
    }

    @Test
    void loadDataLocalInfileOnPassthroughWithConnectorJ() throws Exception {
        Path csv = loadFile("rows.csv");
        List<String> expected = loadWithConnectorJ(db.jdbcUrl(DIRECT) + "?allowLocalInfile=true", csv);
        assertThat(expected).contains("loaded 5", "row 1 it's 69742773", "row 4 null null");
        assertThat(loadWithConnectorJ(passthrough.mariadbUrl("app") + "?allowLocalInfile=true", csv)).isEqualTo(expected);
    }

    /** The mariadb CLI with --local-infile; a file bigger than one packet (≈ 3 MB in 64 KiB reads). */
    @Test
    void loadDataLocalInfileOnPassthroughWithTheMariaDbCli() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(io.dbmesh.it.MariaDbCli.installed(), "mariadb client not installed");
        Path big = dir.resolve("big.tsv");
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= 60_000; i++) b.append(i).append('\t').append("value-").append(i).append("-padding-padding\n");
        Files.writeString(big, b);
        String script = "DROP TABLE IF EXISTS compat_big; CREATE TABLE compat_big (id INT PRIMARY KEY, v VARCHAR(40));\n"
                + "LOAD DATA LOCAL INFILE '" + big + "' INTO TABLE compat_big;\n"
                + "SELECT COUNT(*), SUM(id), MAX(v) FROM compat_big;\n";
        io.dbmesh.it.MariaDbCli.Run direct = io.dbmesh.it.MariaDbCli.run(db.port(), "root", "", script, "--local-infile=1", "-N", "-B", DIRECT);
        assertThat(direct.exitCode()).as(direct.err()).isZero();
        assertThat(direct.out()).contains("60000\t1800030000\tvalue-9999-padding-padding");
        io.dbmesh.it.MariaDbCli.Run through = io.dbmesh.it.MariaDbCli.run(passthrough.port(), "root", "", script, "--local-infile=1", "-N", "-B", "app");
        assertThat(through.exitCode()).as(through.err()).isZero();
        assertThat(through.out()).isEqualTo(direct.out());
    }

    /** A client that does not send files (no CLIENT_LOCAL_FILES) gets MariaDB's refusal; nothing is asked of it. */
    @Test
    void loadDataLocalInfileWithoutTheClientsConsentIsRefusedAsMariaDbRefusesIt() throws Exception {
        Path csv = loadFile("refused.csv");
        for (String url : List.of(db.jdbcUrl(DIRECT), passthrough.mariadbUrl("app"))) {
            try (Connection c = DriverManager.getConnection(url + "?allowLocalInfile=false", "root", "");
                 Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS compat_load (id INT PRIMARY KEY, v VARCHAR(20) CHARACTER SET utf8mb4)");
                assertThatThrownBy(() -> st.execute("LOAD DATA LOCAL INFILE '" + csv + "'" + LOAD))
                        .as(url).isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(4166));
                try (ResultSet rs = st.executeQuery("SELECT 1")) { // the connection is still usable
                    assertThat(rs.next()).isTrue();
                }
            }
        }
    }

    private static final String SHARDED_LOAD = " INTO TABLE t_user FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"'"
            + " LINES TERMINATED BY '\\r\\n' IGNORE 1 LINES (user_id, name, region_id)";

    private static int load(Statement st, Path file) throws SQLException {
        return st.executeUpdate("LOAD DATA LOCAL INFILE '" + file + "'" + SHARDED_LOAD);
    }

    /**
     * Into a sharded table the file's rows are routed by the shard key: each row is found again by
     * its key (a query routed to one shard), the count is the file's, and a duplicate key skips its
     * row with a warning (LOCAL loads as IGNORE), as on MariaDB.
     */
    @Test
    void loadDataLocalInfileIntoAShardedTableRoutesEveryRowByItsKey() throws Exception {
        StringBuilder b = new StringBuilder("user_id,name,region_id\r\n");
        for (int id = 1; id <= 40; id++) {
            b.append(id).append(',').append(id % 7 == 0 ? "\"o'neil, \\\"q\\\" " + id + "\"" : "user " + id).append(',')
                    .append(id % 5 == 0 ? "\\N" : Integer.toString(id % 3)).append("\r\n");
        }
        Path csv = dir.resolve("users.csv");
        Files.writeString(csv, b);
        Path duplicate = dir.resolve("duplicate.csv");
        Files.writeString(duplicate, "user_id,name,region_id\r\n41,new,1\r\n1,again,1\r\n");
        try (Connection c = DriverManager.getConnection(sharded.mariadbUrl("orders") + "?allowLocalInfile=true", "root", "");
             Statement st = c.createStatement()) {
            assertThat(load(st, csv)).isEqualTo(40);
            try (java.sql.PreparedStatement byKey = c.prepareStatement("SELECT name, region_id FROM t_user WHERE user_id = ?")) {
                for (int id = 1; id <= 40; id++) {
                    byKey.setInt(1, id);
                    try (ResultSet rs = byKey.executeQuery()) {
                        assertThat(rs.next()).as("user %d on its shard", id).isTrue();
                        assertThat(rs.getString(1)).isEqualTo(id % 7 == 0 ? "o'neil, \"q\" " + id : "user " + id);
                        assertThat(rs.getString(2)).isEqualTo(id % 5 == 0 ? null : Integer.toString(id % 3));
                    }
                }
            }
            assertThat(load(st, duplicate)).isEqualTo(1);
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*), SUM(user_id = 41), SUM(name = 'again') FROM t_user WHERE user_id < 900")) { // 900.. another test's
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(41);
                assertThat(rs.getInt(2)).isEqualTo(1);
                assertThat(rs.getInt(3)).as("the duplicate row is skipped, user 1 kept").isZero();
            }
            assertThat(st.executeUpdate("LOAD DATA LOCAL INFILE '" + duplicate + "' IGNORE" + SHARDED_LOAD)).isZero();
        }
    }

    /** The mariadb CLI into a sharded table, a file of many batches; each shard holds only its own rows. */
    @Test
    void loadDataLocalInfileIntoAShardedTableWithTheMariaDbCli() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(io.dbmesh.it.MariaDbCli.installed(), "mariadb client not installed");
        Path orders = dir.resolve("orders.tsv");
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= 3000; i++) b.append(i).append('\t').append(i % 97).append("\tNEW\t").append(i).append(".50\n");
        Files.writeString(orders, b);
        String script = "LOAD DATA LOCAL INFILE '" + orders + "' INTO TABLE t_order (order_id, user_id, status, amount);\n"
                + "SELECT COUNT(*), SUM(amount), COUNT(DISTINCT user_id) FROM t_order;\n"
                + "SELECT status, amount FROM t_order WHERE order_id = 2999;\n";
        io.dbmesh.it.MariaDbCli.Run r = io.dbmesh.it.MariaDbCli.run(sharded.port(), "root", "", script, "--local-infile=1", "-N", "-B", "orders");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("3000\t4503000.00\t97\nNEW\t2999.50\n");
        int total = 0;
        for (String ds : List.of(DS0, DS1)) { // ds_0 holds even user ids, ds_1 odd ones
            try (Connection c = db.connect(ds); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT (SELECT COUNT(*) FROM t_order_0) + (SELECT COUNT(*) FROM t_order_1),"
                            + " (SELECT COUNT(*) FROM t_order_0 WHERE user_id % 2 <> " + (ds.equals(DS0) ? 0 : 1) + ")"
                            + " + (SELECT COUNT(*) FROM t_order_1 WHERE user_id % 2 <> " + (ds.equals(DS0) ? 0 : 1) + ")")) {
                rs.next();
                assertThat(rs.getInt(1)).as(ds).isPositive();
                assertThat(rs.getInt(2)).as("rows of another shard on " + ds).isZero();
                total += rs.getInt(1);
            }
        }
        assertThat(total).isEqualTo(3000);
    }

    /**
     * Awkward fields into a sharded table, loaded by the mariadb CLI as into the same table directly
     * on MariaDB (default sql_mode, STRICT_TRANS_TABLES): an empty field of a numeric column is 0 with
     * a warning, a non-number too, a short row leaves the rest to their defaults and a long row is
     * cut (a warning each), a duplicate key is skipped with a warning. The OK line ("n rows affected,
     * w warnings"), its info text ("Records: … Skipped: … Warnings: …") and the rows are MariaDB's.
     */
    @Test
    void loadDataLocalInfileIntoAShardedTableConvertsAndWarnsAsMariaDb() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(io.dbmesh.it.MariaDbCli.installed(), "mariadb client not installed");
        Path file = dir.resolve("awkward.csv");
        Files.writeString(file, "900,a,1,1.50\n901,,,\n902,c,x7,abc\n903,short\n900,dup,9,1\n904,e,2,2.25,extra\n905,f,,\n");
        String load = "LOAD DATA LOCAL INFILE '" + file + "' INTO TABLE t_user FIELDS TERMINATED BY ','"
                + " (user_id, name, region_id, balance);\n";
        String script = "SELECT @@sql_mode;\n" + load
                + "SELECT user_id, name, region_id, balance FROM t_user WHERE user_id >= 900 ORDER BY user_id;\n";
        try (Connection c = db.connect(DIRECT); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t_user (user_id BIGINT PRIMARY KEY, name VARCHAR(64), region_id INT,"
                    + " created_at DATETIME, balance DECIMAL(12,2))");
        }
        io.dbmesh.it.MariaDbCli.Run direct = io.dbmesh.it.MariaDbCli.run(db.port(), "root", "", script,
                "--local-infile=1", "-vvv", "-B", DIRECT);
        assertThat(direct.exitCode()).as(direct.err()).isZero();
        String expected = withoutTimings(direct.out());
        assertThat(expected).contains("STRICT_TRANS_TABLES", "Query OK, 6 rows affected, 10 warnings",
                "Records: 7  Deleted: 0  Skipped: 1  Warnings: 10", "|     901 |       |         0 |    0.00 |");
        io.dbmesh.it.MariaDbCli.Run through = io.dbmesh.it.MariaDbCli.run(sharded.port(), "root", "", script,
                "--local-infile=1", "-vvv", "-B", "orders");
        assertThat(through.exitCode()).as(through.err()).isZero();
        assertThat(withoutTimings(through.out())).isEqualTo(expected);
    }

    private static String withoutTimings(String cliOutput) {
        return cliOutput.replaceAll(" \\(\\d+\\.\\d+ sec\\)", "");
    }
}
