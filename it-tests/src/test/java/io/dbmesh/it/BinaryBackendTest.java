package io.dbmesh.it;

import io.dbmesh.it.RawPreparedExecution.Param;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * COM_STMT_EXECUTE on a passthrough database runs as a server-side prepared statement on the
 * backend and its binary rows reach the client unchanged: the row packets a raw client receives
 * through the sidecar are byte for byte those MariaDB sends it directly, for every column type and
 * for typed parameters (integers, double, decimal, strings, bytes, dates, time); the backend
 * executes COM_STMT_EXECUTE and prepares each statement once per connection; a statement whose
 * table changed under it (ALTER TABLE) answers with the new columns, as MariaDB does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BinaryBackendTest {
    private static final long PID = ProcessHandle.current().pid();
    private static final String DIRECT = "binproto_direct_" + PID, PHYSICAL = "binproto_pt_" + PID;
    private static final String TABLE = """
            t (id INT PRIMARY KEY, ti TINYINT, tu TINYINT UNSIGNED, si SMALLINT, mu MEDIUMINT UNSIGNED, i INT,
             iu INT UNSIGNED, bi BIGINT, bu BIGINT UNSIGNED, f FLOAT, d DOUBLE, d2 DOUBLE(10,4), dec1 DECIMAL(20,6),
             da DATE, dt DATETIME, dt6 DATETIME(6), ts TIMESTAMP(3) NULL, tm TIME, tm2 TIME(2), y YEAR,
             b9 BIT(9), c CHAR(5), vc VARCHAR(40), bin VARBINARY(8), bl BLOB, tx TEXT, j JSON, e ENUM('a','b'), st SET('x','y'))""";
    private static final String ROWS = """
            INSERT INTO t VALUES
            (1, -128, 255, -32768, 16777215, -2147483648, 4294967295, -9223372036854775808, 18446744073709551615,
             3.4028235e38, 1.7976931348623157e308, -0.0001, -12345678901234.123456,
             '0000-00-00', '0000-00-00 00:00:00', '1000-01-01 00:00:00.000001', '2038-01-19 03:14:07.5',
             '-838:59:59', '-00:00:01.5', 0, b'100000001', 'ab', 'h\u00e9llo \u20ac', X'00FF10', X'DEADBEEF', 'text',
             '{"a": [1, 2]}', 'b', 'x,y'),
            (2, 0, 0, 0, 0, 0, 0, 0, 0, 0.1, 0.1, 0, 0, '2024-01-02', '2024-01-02 03:04:05', '2024-01-02 03:04:05',
             '1970-01-01 00:00:01', '838:59:59', '12:00:00', 2155, b'0', '', '', '', '', '', '[]', 'a', ''),
            (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
             NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)""";

    private MariaDbInstance db;
    private SidecarFixture sidecar;

    @BeforeAll
    void start() {
        db = MariaDbServers.shared();
        db.recreateDatabase(DIRECT);
        db.recreateDatabase(PHYSICAL);
        for (String schema : List.of(DIRECT, PHYSICAL)) {
            db.execute("CREATE TABLE " + schema + "." + TABLE, "SET SESSION sql_mode = ''",
                    ROWS.replace("INSERT INTO t", "INSERT INTO " + schema + ".t"));
        }
        sidecar = SidecarFixture.passthrough(db, PHYSICAL, "binpt");
    }

    @AfterAll
    void stop() {
        if (sidecar != null) sidecar.close();
        db.execute("DROP DATABASE IF EXISTS " + DIRECT, "DROP DATABASE IF EXISTS " + PHYSICAL);
    }

    private void sameRows(String sql, List<Param> params) throws IOException {
        List<String> direct = RawPreparedExecution.execute(db.port(), DIRECT, sql, params, false);
        List<String> through = RawPreparedExecution.execute(sidecar.port(), "binpt", sql, params, false);
        assertThat(direct).as("direct answer of %s", sql).hasSizeGreaterThan(1);
        assertThat(through).as(sql).isEqualTo(direct);
    }

    @Test
    void rowsOfEveryTypeAreMariaDbsOwnBytes() throws IOException {
        sameRows("SELECT * FROM t ORDER BY id", List.of());
        sameRows("SELECT * FROM t WHERE id >= ? ORDER BY id", List.of(Param.of(0x03, "01000000")));
        sameRows("SELECT id, f * 2, d / 3, dec1 + 1, CAST(tm AS TIME(6)), dt6 + INTERVAL 1 SECOND FROM t ORDER BY id", List.of());
    }

    @Test
    void typedParametersReachTheBackendAsTyped() throws IOException {
        String sql = "SELECT ? AS ti, ? AS i, ? AS bi, ? AS d, ? AS dec1, ? AS s, ? AS b, ? AS da, ? AS dt, ? AS tm,"
                + " ? IS NULL AS isnull, HEX(?) AS hx";
        sameRows(sql, List.of(
                Param.of(0x01, "85"), // TINY -123
                Param.of(0x03, "ffffff7f"), // LONG max
                Param.of(0x08, "0000000000000080"), // LONGLONG min
                Param.of(0x05, "9a9999999999b93f"), // DOUBLE 0.1
                Param.text(0xf6, "-12.340"), // NEWDECIMAL
                Param.text(0xfd, "h\u00e9 'q' \\"), // VAR_STRING
                Param.text(0xfc, "\u0000\u00ff"), // BLOB
                Param.of(0x0a, "04e8070c1f"), // DATE 2024-12-31
                Param.of(0x0c, "0be8070c1f173b3b40e20100"), // DATETIME 2024-12-31 23:59:59.123456
                Param.of(0x0b, "080000000000010203"), // TIME 01:02:03
                Param.of(0x03, "00000000"),
                Param.text(0xfd, "ab")));
        sameRows("SELECT id FROM t WHERE vc = ? OR bin = ? ORDER BY id",
                List.of(Param.text(0xfd, "h\u00e9llo \u20ac"), Param.text(0xfc, "\u0000")));
        // a NULL parameter of a SELECT keeps the text path (Connector/J would type it VARCHAR): same rows
        sameRows("SELECT id FROM t WHERE i <=> ? OR id = ? ORDER BY id", List.of(Param.of(0x06, null), Param.of(0x03, "02000000")));
    }

    @Test
    void theBackendExecutesPreparedStatementsPreparedOncePerConnection() throws SQLException {
        try (Connection c = DriverManager.getConnection(sidecar.mariadbUrl("binpt") + "?useServerPrepStmts=true", "root", "");
             Statement text = c.createStatement()) {
            long executesBefore = status(text, "Com_stmt_execute");
            long preparesBefore = status(text, "Com_stmt_prepare");
            try (PreparedStatement ps = c.prepareStatement("SELECT vc FROM t WHERE id = ?")) {
                for (int i = 0; i < 10; i++) {
                    ps.setInt(1, 1 + i % 3);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                    }
                }
            }
            // one backend connection serves this one client: its session counters are the sidecar's doing
            assertThat(status(text, "Com_stmt_execute") - executesBefore).isGreaterThanOrEqualTo(10);
            assertThat(status(text, "Com_stmt_prepare") - preparesBefore).as("the client's prepare (described, closed) and one kept")
                    .isLessThanOrEqualTo(2);
        }
    }

    @Test
    void aStatementWhoseTableChangedAnswersWithTheNewColumns() throws SQLException {
        db.execute("CREATE TABLE " + PHYSICAL + ".alt (id INT PRIMARY KEY, a INT)", "INSERT INTO " + PHYSICAL + ".alt VALUES (1, 10)");
        try (Connection c = DriverManager.getConnection(sidecar.mariadbUrl("binpt") + "?useServerPrepStmts=true", "root", "");
             Statement text = c.createStatement()) {
            assertThat(row(c)).isEqualTo("1,10");
            text.execute("ALTER TABLE alt ADD COLUMN b VARCHAR(5) DEFAULT 'x'");
            assertThat(row(c)).isEqualTo("1,10,x");
            text.execute("ALTER TABLE alt DROP COLUMN a");
            assertThat(row(c)).isEqualTo("1,x");
            text.execute("DROP TABLE alt");
            text.execute("CREATE TABLE alt (id INT PRIMARY KEY, z DATE)");
            text.execute("INSERT INTO alt VALUES (1, '2024-01-01')");
            assertThat(row(c)).isEqualTo("1,2024-01-01");
        }
    }

    private static String row(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM alt WHERE id = ?")) {
            ps.setInt(1, 1);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) values.add(rs.getString(i));
                return String.join(",", values);
            }
        }
    }

    private static long status(Statement st, String name) throws SQLException {
        try (ResultSet rs = st.executeQuery("SHOW SESSION STATUS LIKE '" + name + "'")) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(2);
        }
    }
}
