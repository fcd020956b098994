package io.dbmesh.it.sharding;

import io.dbmesh.it.MariaDbInstance;
import io.dbmesh.it.MariaDbServers;
import io.dbmesh.it.RawPreparedExecution;
import io.dbmesh.it.RawPreparedExecution.Param;
import io.dbmesh.it.SidecarFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A COM_STMT_EXECUTE in a sharded database whose shard statements keep the client's placeholders
 * runs on each shard as a server-side prepared statement (binary protocol), and the client gets
 * what the text path gives it, byte for byte: two sidecars over two copies of the same sharded
 * data, one started with {@code -Ddbmesh.binaryShards=false}, answer the same prepared statements
 * (raw COM_STMT_EXECUTE with typed parameters, and MariaDB and MySQL Connector/J with
 * useServerPrepStmts=true) with the same column definitions, rows and OK packets — NULL
 * parameters, unsigned values, DATETIME/TIME, DECIMAL, non-ASCII strings, bytes, point selects,
 * statements routed to both shards (concatenated, merge-sorted, aggregated), LIMIT with an offset
 * (the engine rewrites it: text), INSERT/UPDATE/DELETE by key and an UPDATE on both shards. And
 * the shard really executes it as a prepared statement, prepared once per connection.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShardBinaryStatementsTest {
    private static final long PID = ProcessHandle.current().pid();
    private static final String BIN0 = "shbin_b0_" + PID, BIN1 = "shbin_b1_" + PID;
    private static final String TXT0 = "shbin_t0_" + PID, TXT1 = "shbin_t1_" + PID;
    private static final String LOGICAL = "shbin";
    private static final String TABLE = """
            CREATE TABLE t (id BIGINT PRIMARY KEY, u BIGINT UNSIGNED, i INT, ti TINYINT UNSIGNED, d DECIMAL(20,6),
             f DOUBLE, dt DATETIME(6), da DATE, tm TIME(3), vc VARCHAR(40) CHARACTER SET utf8mb4, bl VARBINARY(16),
             n INT NULL, ts TIMESTAMP(3) NULL) DEFAULT CHARSET=utf8mb4""";
    private static final String ROWS = """
            INSERT INTO t VALUES
            (1, 18446744073709551615, -2147483648, 255, -12345678901234.123456, 1.7976931348623157e308,
             '1000-01-01 00:00:00.000001', '2024-02-29', '-838:59:59', 'h\u00e9llo \u20ac', X'00FF', NULL, '2038-01-19 03:14:07.5'),
            (2, 0, 0, 0, 0, 0.1, '2024-01-02 03:04:05', '2024-01-02', '12:00:00.5', '', X'', 7, '1970-01-01 00:00:01'),
            (3, 42, 17, 1, -12.34, -2.5e-10, '2024-12-31 23:59:59.123456', '1999-12-31', '01:02:03', '\u65e5\u672c\u8a9e', X'41', 3, NULL),
            (4, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
            (5, 5, 5, 5, 5.5, 5.5, '2005-05-05 05:05:05', '2005-05-05', '05:05:05', 'five', X'05', 5, '2005-05-05 05:05:05'),
            (6, 6, -6, 6, -6.000001, 1e300, '2006-06-06 06:06:06.6', '2006-06-06', '-00:00:01.5', 'six \u00df', X'0606', 6, NULL),
            (7, 7, 7, 7, 7, 7, '2007-07-07 07:07:07', '2007-07-07', '07:07:07', 'seven', X'07', NULL, NULL),
            (8, 8, 8, 8, 8.8, 8.8, '2008-08-08 08:08:08', '2008-08-08', '08:08:08', 'h\u00e9llo \u20ac', X'00FF', 8, NULL)""";

    // wire types of parameters
    private static final int TINY = 0x01, LONG = 0x03, DOUBLE = 0x05, NULL = 0x06, LONGLONG = 0x08, DATE = 0x0a,
            TIME = 0x0b, DATETIME = 0x0c, NEWDECIMAL = 0xf6, BLOB = 0xfc, VAR_STRING = 0xfd;

    private MariaDbInstance db;
    private SidecarFixture binary;
    private SidecarFixture text;

    @BeforeAll
    void start() {
        db = MariaDbServers.shared();
        for (String schema : List.of(BIN0, BIN1, TXT0, TXT1)) db.recreateDatabase(schema);
        binary = sidecar(BIN0, BIN1);
        System.setProperty("dbmesh.binaryShards", "false"); // read once, when the sidecar starts
        try {
            text = sidecar(TXT0, TXT1);
        } finally {
            System.clearProperty("dbmesh.binaryShards");
        }
        for (SidecarFixture s : List.of(binary, text)) {
            try (Connection c = s.connect(LOGICAL); Statement st = c.createStatement()) {
                st.execute("SET SESSION sql_mode = ''");
                st.execute(TABLE);
                st.execute(ROWS);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private SidecarFixture sidecar(String ds0, String ds1) {
        return SidecarFixture.fromYaml("""
                listener: {host: 127.0.0.1, port: 3307}
                users:
                  - {name: root, password: "", databases: ["*"], admin: true}
                data_sources:
                  ds_0: {url: "${DS0}", user: "${USER}", password: "${PASSWORD}"}
                  ds_1: {url: "${DS1}", user: "${USER}", password: "${PASSWORD}"}
                databases:
                  shbin:
                    sharding:
                      default_data_source: ds_0
                      tables:
                        t: {key: id, nodes: "ds_[0..1].t_phys", algorithm: mod}
                        alt: {key: id, nodes: "ds_[0..1].alt_phys", algorithm: mod}
                """, Map.of("DS0", db.jdbcUrl(ds0), "DS1", db.jdbcUrl(ds1), "USER", db.user(), "PASSWORD", db.password()));
    }

    @AfterAll
    void stop() {
        if (binary != null) binary.close();
        if (text != null) text.close();
        for (String schema : List.of(BIN0, BIN1, TXT0, TXT1)) db.execute("DROP DATABASE IF EXISTS " + schema);
    }

    private static Param longParam(long v) {
        return Param.of(LONG, HexFormat.of().formatHex(new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)}));
    }

    /** The same statement through both sidecars: column definitions, rows and OK packets byte for byte. */
    private List<String> same(String sql, Param... params) throws IOException {
        List<String> viaBinary = RawPreparedExecution.execute(binary.port(), LOGICAL, sql, List.of(params), true);
        List<String> viaText = RawPreparedExecution.execute(text.port(), LOGICAL, sql, List.of(params), true);
        assertThat(viaBinary).as(sql).isEqualTo(viaText);
        assertThat(viaBinary).as(sql).noneMatch(s -> s.contains("error"));
        return viaBinary;
    }

    private static long rows(List<String> answer) {
        return answer.stream().filter(s -> !s.startsWith("definition") && !s.startsWith("ok")).count();
    }

    @Test
    void readsAnswerAsTheTextPathDoes() throws IOException {
        // one shard: the point select, its key typed as the client likes
        assertThat(rows(same("SELECT * FROM t WHERE id = ?", longParam(2)))).isEqualTo(1);
        assertThat(rows(same("SELECT * FROM t WHERE id = ?", Param.of(LONGLONG, "0300000000000000")))).isEqualTo(1);
        assertThat(rows(same("SELECT * FROM t WHERE id = ?", Param.of(TINY, "01")))).isEqualTo(1);
        assertThat(rows(same("SELECT * FROM t WHERE id = ?", Param.text(VAR_STRING, "5")))).isEqualTo(1);
        assertThat(rows(same("SELECT c.* FROM t c WHERE c.id = ? AND c.vc = ?", longParam(8), Param.text(VAR_STRING, "h\u00e9llo \u20ac"))))
                .isEqualTo(1);
        same("SELECT id, d FROM t WHERE id = ? AND d = ?", longParam(3), Param.text(NEWDECIMAL, "-12.340000"));
        same("SELECT id, dt, da, tm FROM t WHERE id = ? AND (dt = ? OR da = ? OR tm = ?)", longParam(3),
                Param.of(DATETIME, "0be8070c1f173b3b40e20100"), Param.of(DATE, "04cf070c1f"), Param.of(TIME, "080000000000010203"));
        // both shards: concatenated, merge-sorted, aggregated, DISTINCT
        assertThat(rows(same("SELECT * FROM t WHERE id >= ?", longParam(1)))).isEqualTo(8);
        assertThat(rows(same("SELECT id, vc, d, f, tm FROM t WHERE id BETWEEN ? AND ? ORDER BY id DESC", longParam(2), longParam(7))))
                .isEqualTo(6);
        same("SELECT id, f FROM t WHERE f > ? ORDER BY f", Param.of(DOUBLE, "9a9999999999a93f")); // 0.05
        same("SELECT id, dt FROM t WHERE dt > ? ORDER BY dt, id", Param.of(DATETIME, "04d0070101")); // 2000-01-01
        same("SELECT id, tm FROM t WHERE tm < ? ORDER BY tm", Param.of(TIME, "080000000000070000")); // 07:00:00
        same("SELECT id, vc FROM t WHERE id > ? ORDER BY d DESC, id", longParam(0)); // a hidden sort column, dropped after the merge
        same("SELECT id, vc FROM t WHERE id > ? ORDER BY id LIMIT 3", longParam(1));
        same("SELECT COUNT(*), SUM(d), MAX(dt), MIN(tm), SUM(u), MAX(f) FROM t WHERE id > ?", longParam(0));
        same("SELECT n, COUNT(*) FROM t WHERE id < ? GROUP BY n ORDER BY n", longParam(100));
        same("SELECT DISTINCT vc FROM t WHERE id <> ? ORDER BY vc", longParam(3));
        same("SELECT id FROM t WHERE vc = ? ORDER BY id", Param.text(VAR_STRING, "h\u00e9llo \u20ac"));
        same("SELECT id, bl FROM t WHERE bl = ? ORDER BY id", Param.text(BLOB, "\u0000\u00ff"));
        same("SELECT id, ts FROM t WHERE ts IS NOT NULL AND id > ? ORDER BY ts", longParam(0));
        same("SELECT id FROM t WHERE id IN (?, ?, ?) ORDER BY id", longParam(1), longParam(2), longParam(5));
        // unsigned and NULL parameters of a SELECT, a LIMIT with an offset (rewritten per shard): text, as before
        same("SELECT id, u FROM t WHERE u = ?", Param.unsigned(LONGLONG, "ffffffffffffffff"));
        same("SELECT id FROM t WHERE n <=> ? ORDER BY id", Param.of(NULL, null));
        same("SELECT id, vc FROM t ORDER BY id LIMIT ?, ?", longParam(2), longParam(3));
        same("SELECT id FROM t WHERE id = ? AND n <=> ?", longParam(4), Param.of(NULL, null));
    }

    @Test
    void writesChangeWhatTheTextPathChanges() throws IOException {
        // ids 20 (ds_0) and 21 (ds_1): the rows the reads compare stay as they are
        for (long id : new long[] {20, 21}) {
            List<String> inserted = same("INSERT INTO t (id, u, i, ti, d, f, dt, tm, vc, bl, n) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    longParam(id), Param.of(LONGLONG, "ffffffffffffff7f"), longParam(-7), Param.of(TINY, "64"),
                    Param.text(NEWDECIMAL, "1.500000"), Param.of(DOUBLE, "9a9999999999b93f"),
                    Param.of(DATETIME, "0be8070c1f173b3b40e20100"), Param.of(TIME, "0c000000000002030420a10700"),
                    Param.text(VAR_STRING, "\u65e5\u672c \u00fc"), Param.text(BLOB, "\u0001\u0000"), Param.of(NULL, null));
            assertThat(inserted.get(0)).startsWith("ok 0001"); // one row
        }
        assertThat(same("UPDATE t SET vc = ?, n = ?, dt = ? WHERE id = ?", Param.text(VAR_STRING, "\u00fcn\u00ef"),
                Param.of(NULL, null), Param.of(DATETIME, "07d0070101010203"), longParam(21)).get(0)).startsWith("ok 0001");
        assertThat(same("UPDATE t SET i = i + ? WHERE id > ?", longParam(1), longParam(19)).get(0)).startsWith("ok 0002"); // both shards
        same("SELECT * FROM t WHERE id > ? ORDER BY id", longParam(19));
        same("SELECT * FROM t WHERE id = ?", longParam(21));
        assertThat(same("DELETE FROM t WHERE id = ?", longParam(20)).get(0)).startsWith("ok 0001");
        assertThat(same("DELETE FROM t WHERE id = ?", longParam(21)).get(0)).startsWith("ok 0001");
    }

    /** Column metadata and every value as a Connector/J client sees them. */
    private static List<String> read(Connection c, String sql, Object... params) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                Object p = params[i];
                if (p == null) ps.setNull(i + 1, Types.INTEGER);
                else ps.setObject(i + 1, p);
            }
            if (!ps.execute()) {
                out.add("count " + ps.getUpdateCount());
                return out;
            }
            try (ResultSet rs = ps.getResultSet()) {
                ResultSetMetaData md = rs.getMetaData();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    out.add(md.getColumnLabel(i) + " " + md.getColumnType(i) + " " + md.getColumnTypeName(i) + " "
                            + md.getPrecision(i) + "," + md.getScale(i) + " signed=" + md.isSigned(i) + " " + md.getColumnClassName(i));
                }
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        row.append(value(rs, i)).append(" | ");
                    }
                    out.add(row.toString());
                }
            }
        }
        return out;
    }

    /** getObject, getString and getBytes of a column; what a getter refuses is part of the answer too. */
    private static String value(ResultSet rs, int i) {
        StringBuilder out = new StringBuilder();
        try {
            Object v = rs.getObject(i);
            out.append(v == null ? "NULL" : v.getClass().getSimpleName() + ":" + (v instanceof byte[] x ? HexFormat.of().formatHex(x) : v));
        } catch (SQLException e) {
            out.append("getObject refused: ").append(e.getMessage());
        }
        try {
            out.append(" s=").append(rs.getString(i));
        } catch (SQLException e) {
            out.append(" getString refused: ").append(e.getMessage());
        }
        try {
            byte[] b = rs.getBytes(i);
            out.append(" b=").append(b == null ? "NULL" : HexFormat.of().formatHex(b));
        } catch (SQLException e) {
            out.append(" getBytes refused: ").append(e.getMessage());
        }
        return out.toString();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mariadb", "mysql"})
    void connectorJSeesTheSameRowsAndTypes(String driver) throws SQLException {
        String options = "?useServerPrepStmts=true" + (driver.equals("mysql") ? "&useSSL=false&allowPublicKeyRetrieval=true" : "");
        try (Connection b = DriverManager.getConnection((driver.equals("mysql") ? binary.mysqlUrl(LOGICAL) : binary.mariadbUrl(LOGICAL)) + options, "root", "");
             Connection t = DriverManager.getConnection((driver.equals("mysql") ? text.mysqlUrl(LOGICAL) : text.mariadbUrl(LOGICAL)) + options, "root", "")) {
            List<Object[]> cases = List.of(
                    new Object[] {"SELECT * FROM t WHERE id = ?", 1},
                    new Object[] {"SELECT * FROM t WHERE id = ?", 4L},
                    new Object[] {"SELECT * FROM t WHERE id = ?", "6"},
                    new Object[] {"SELECT * FROM t WHERE id BETWEEN ? AND ? ORDER BY id", 1, 8},
                    new Object[] {"SELECT * FROM t WHERE id > ?", 0},
                    new Object[] {"SELECT id, d FROM t WHERE d > ? ORDER BY d", new BigDecimal("-100.5")},
                    new Object[] {"SELECT id, dt FROM t WHERE dt >= ? ORDER BY dt", Timestamp.valueOf("2005-05-05 05:05:05")},
                    new Object[] {"SELECT id, tm FROM t WHERE id = ? AND tm = ?", 3, Time.valueOf("01:02:03")},
                    new Object[] {"SELECT id, vc FROM t WHERE vc = ? ORDER BY id", "h\u00e9llo \u20ac"},
                    new Object[] {"SELECT id, vc FROM t WHERE id = ? AND vc LIKE ?", 3, "\u65e5%"},
                    new Object[] {"SELECT id, bl FROM t WHERE bl = ? ORDER BY id", new byte[] {0, (byte) 0xff}},
                    new Object[] {"SELECT id, n FROM t WHERE n <=> ? ORDER BY id", null},
                    new Object[] {"SELECT COUNT(*), SUM(d), AVG(i), MIN(da), MAX(vc) FROM t WHERE id < ?", 100},
                    new Object[] {"SELECT id, u FROM t WHERE u > ? ORDER BY u", 6},
                    new Object[] {"SELECT id, f FROM t WHERE f >= ? ORDER BY id", 0.1});
            for (Object[] k : cases) {
                String sql = (String) k[0];
                Object[] params = java.util.Arrays.copyOfRange(k, 1, k.length);
                List<String> viaBinary = read(b, sql, params);
                assertThat(viaBinary).as(sql).hasSizeGreaterThan(1);
                assertThat(viaBinary).as(sql).isEqualTo(read(t, sql, params));
            }
            // a write through each, then the same rows
            for (Connection c : List.of(b, t)) {
                assertThat(read(c, "UPDATE t SET vc = ?, n = ? WHERE id = ?", "\u00e9t\u00e9 " + driver, null, 5)).containsExactly("count 1");
            }
            assertThat(read(b, "SELECT * FROM t WHERE id = ?", 5)).isEqualTo(read(t, "SELECT * FROM t WHERE id = ?", 5));
        }
    }

    @Test
    void theShardPreparesOnceAndExecutesBinary() throws SQLException {
        String point = "SELECT vc FROM t WHERE id = ?", range = "SELECT id, vc FROM t WHERE id BETWEEN ? AND ? ORDER BY id";
        assertThat(stmtDeltas(binary, point)).as("Com_stmt_prepare, Com_stmt_execute on the shard's connection").containsExactly(0L, 10L);
        assertThat(stmtDeltas(binary, range)).as("a statement on both shards, merged").containsExactly(0L, 10L);
        assertThat(stmtDeltas(text, point)).as("the text path executes no prepared statement").containsExactly(0L, 0L);
    }

    /**
     * The shard connection keeps its prepared statement across a change of the table and remembers
     * the columns of its results by Connector/J's metadata (DecodedColumns): the new columns after
     * ALTER TABLE, on one shard and merged from both.
     */
    @Test
    void aStatementWhoseShardedTableChangedAnswersWithTheNewColumns() throws SQLException {
        try (Connection c = DriverManager.getConnection(binary.mariadbUrl(LOGICAL) + "?useServerPrepStmts=true", "root", "");
             Statement st = c.createStatement()) {
            st.execute("CREATE TABLE alt (id INT PRIMARY KEY, a INT)");
            try {
                st.execute("INSERT INTO alt VALUES (1, 10), (2, 20)");
                assertThat(altRows(c)).containsExactly("1,10", "1,10|2,20");
                st.execute("ALTER TABLE alt ADD COLUMN b VARCHAR(5) DEFAULT 'x'");
                assertThat(altRows(c)).containsExactly("1,10,x", "1,10,x|2,20,x");
                st.execute("ALTER TABLE alt DROP COLUMN a");
                assertThat(altRows(c)).containsExactly("1,x", "1,x|2,x");
            } finally {
                st.execute("DROP TABLE alt");
            }
        }
    }

    /** A point select of id 1 and a range over both shards, each executed three times, as "values,…|…". */
    private static List<String> altRows(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        for (String sql : List.of("SELECT * FROM alt WHERE id = ?", "SELECT * FROM alt WHERE id BETWEEN ? AND ? ORDER BY id")) {
            String last = null;
            for (int i = 0; i < 3; i++) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setInt(1, 1);
                    if (sql.contains("BETWEEN")) ps.setInt(2, 2);
                    List<String> rows = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        int n = rs.getMetaData().getColumnCount();
                        while (rs.next()) {
                            List<String> v = new ArrayList<>();
                            for (int k = 1; k <= n; k++) v.add(rs.getString(k));
                            rows.add(String.join(",", v));
                        }
                    }
                    String now = String.join("|", rows);
                    if (last != null) assertThat(now).isEqualTo(last);
                    last = now;
                }
            }
            out.add(last);
        }
        return out;
    }

    /**
     * Com_stmt_prepare and Com_stmt_execute of the ds_0 connection a transaction holds, over ten
     * executions of {@code sql} (its parameters: ids of ds_0) after a first one, which prepares it there if needed.
     */
    private static List<Long> stmtDeltas(SidecarFixture sidecar, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(sidecar.mariadbUrl(LOGICAL) + "?useServerPrepStmts=true", "root", "");
             PreparedStatement ps = c.prepareStatement(sql);
             Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            int parameters = ps.getParameterMetaData().getParameterCount();
            for (int p = 1; p <= parameters; p++) ps.setInt(p, 2 * p); // even ids: ds_0, the default data source, where SHOW STATUS goes
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
            }
            long prepares = status(st, "Com_stmt_prepare"), executes = status(st, "Com_stmt_execute");
            for (int i = 0; i < 10; i++) {
                for (int p = 1; p <= parameters; p++) ps.setInt(p, 2 * p + 2 * (i % 3));
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                }
            }
            List<Long> deltas = List.of(status(st, "Com_stmt_prepare") - prepares, status(st, "Com_stmt_execute") - executes);
            c.rollback();
            return deltas;
        }
    }

    private static long status(Statement st, String name) throws SQLException {
        try (ResultSet rs = st.executeQuery("SHOW SESSION STATUS LIKE '" + name + "'")) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(2);
        }
    }
}
