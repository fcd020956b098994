package io.dbmesh.proxy.backend;

import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.ColumnType;
import io.dbmesh.core.result.RowCursor;
import io.dbmesh.proxy.packet.BinaryRow;
import io.dbmesh.proxy.packet.BinaryValues;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
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
 * The binary rows of a server-side prepared statement, read by {@link JdbcRowCursor} in binary mode,
 * against the same rows over the text protocol, on a real MariaDB: every type, NULLs, zero dates,
 * negative and long TIME, unsigned extremes. For every value the cursor's text form equals the text
 * protocol's bytes (FLOAT/DOUBLE: the same number), and the forwarded binary row equals the one the
 * sidecar used to build from the text row (the previous path), byte for byte.
 */
@Tag("mariadb")
class BinaryRowsTest {
    private static final String DB = "binproto_rows_" + ProcessHandle.current().pid();
    private static final String TABLE = """
            CREATE TABLE t (id INT PRIMARY KEY, ti TINYINT, tu TINYINT UNSIGNED, si SMALLINT, su SMALLINT UNSIGNED,
             mi MEDIUMINT, mu MEDIUMINT UNSIGNED, i INT, iu INT UNSIGNED, bi BIGINT, bu BIGINT UNSIGNED,
             f FLOAT, f2 FLOAT(7,3), d DOUBLE, d2 DOUBLE(10,4), dec1 DECIMAL(20,6), dec0 DECIMAL(10,0),
             da DATE, dt DATETIME, dt3 DATETIME(3), dt6 DATETIME(6), ts TIMESTAMP(6) NULL, tm TIME, tm2 TIME(2), y YEAR,
             b1 BIT(1), b9 BIT(9), c CHAR(5), vc VARCHAR(40), bin VARBINARY(8), bl BLOB, tx TEXT, j JSON,
             e ENUM('a','b'), st SET('x','y'))""";

    @BeforeAll
    static void load() throws SQLException {
        try (Connection c = connect(""); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + DB);
            st.execute("CREATE DATABASE " + DB);
            st.execute("USE " + DB);
            st.execute("SET SESSION sql_mode = ''");
            st.execute(TABLE);
            st.execute("""
                    INSERT INTO t VALUES
                    (1, -128, 255, -32768, 65535, -8388608, 16777215, -2147483648, 4294967295, -9223372036854775808,
                     18446744073709551615, 3.4028235e38, -1234.5, 1.7976931348623157e308, 123456.789, -12345678901234.123456, 42,
                     '0000-00-00', '0000-00-00 00:00:00', '2024-02-29 23:59:59.999', '1000-01-01 00:00:00.000001',
                     '2038-01-19 03:14:07.5', '-838:59:59', '-00:00:01.5', 0,
                     b'1', b'100000001', 'ab', 'h\u00e9llo \u20ac', X'00FF10', X'DEADBEEF', 'text', '{"a": [1, 2]}', 'b', 'x,y'),
                    (2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.1, 0, 0.1, 0, 0, 0,
                     '2024-01-02', '2024-01-02 03:04:05', '2024-01-02 03:04:05', '2024-01-02 03:04:05',
                     '1970-01-01 00:00:01', '838:59:59', '12:00:00', 2155,
                     b'0', b'0', '', '', '', '', '', '[]', 'a', ''),
                    (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                     NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
                    (4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1e-10, 0.001, -2.5e-300, -0.0001, 0.000001, -1,
                     '9999-12-31', '9999-12-31 23:59:59', '2024-01-01 00:00:00.100', '2024-01-01 00:00:00.000000',
                     NULL, '00:00:00', '-100:00:00.01', 1901,
                     NULL, b'111111111', 'x', NULL, X'', NULL, NULL, NULL, NULL, 'y')""");
        }
    }

    @AfterAll
    static void drop() throws SQLException {
        try (Connection c = connect(""); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + DB);
        }
    }

    private static Connection connect(String db) throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://" + ConnectorInternalsTest.HOST + "/" + db, "root", "");
    }

    /** @param exact FLOAT/DOUBLE values as Java's shortest digits of the decoded number (Connector/J's own decoding), else the value */
    private record Row(List<byte[]> values, byte[] binary, List<byte[]> exact) {
    }

    private static List<Row> read(RowCursor cursor, ResultSet rs) throws SQLException {
        List<Row> rows = new ArrayList<>();
        while (cursor.next()) {
            List<byte[]> values = new ArrayList<>();
            List<byte[]> exact = new ArrayList<>();
            for (int i = 0; i < cursor.columns().size(); i++) {
                values.add(cursor.value(i));
                ColumnType type = cursor.columns().get(i).type();
                String number = type == ColumnType.FLOAT ? String.valueOf(rs.getFloat(i + 1))
                        : type == ColumnType.DOUBLE ? String.valueOf(rs.getDouble(i + 1)) : null;
                exact.add(number == null || rs.wasNull() ? values.getLast() : number.getBytes(StandardCharsets.US_ASCII));
            }
            rows.add(new Row(values, cursor.binaryRow(), exact));
        }
        return rows;
    }

    @Test
    void binaryRowsReadAsTheTextProtocolAndForwardAsThePreviousPathEncoded() throws SQLException {
        String select = "SELECT *, ti + 0.5 AS expr, NOW(6) - NOW(6) AS zero, CAST(tm AS TIME(6)) AS t6 FROM t ORDER BY id";
        List<Row> text;
        List<Column> textColumns;
        try (Connection c = connect(DB); Statement st = c.createStatement()) {
            st.execute("SET SESSION sql_mode = ''");
            ResultSet rs = st.executeQuery(select);
            JdbcRowCursor cursor = new JdbcRowCursor(rs);
            textColumns = cursor.columns();
            text = read(cursor, rs);
            assertThat(text).allSatisfy(r -> assertThat(r.binary()).isNull());
        }
        try (org.mariadb.jdbc.Connection c = (org.mariadb.jdbc.Connection) connect(DB);
             PreparedStatement ps = ConnectorInternals.serverPrepare(c, select)) {
            ps.setFetchSize(2); // streaming, as the executor runs them
            ps.execute();
            JdbcRowCursor cursor = new JdbcRowCursor(ps.getResultSet(), () -> 0, true);
            List<Column> columns = cursor.columns();
            assertThat(columns).extracting(Column::type).isEqualTo(textColumns.stream().map(Column::type).toList());
            List<Row> binary = read(cursor, ps.getResultSet());
            assertThat(binary).hasSameSizeAs(text);
            for (int r = 0; r < text.size(); r++) {
                for (int i = 0; i < columns.size(); i++) {
                    Column col = columns.get(i);
                    byte[] expected = text.get(r).values().get(i);
                    byte[] actual = binary.get(r).values().get(i);
                    String where = "row " + (r + 1) + " column " + col.name() + " " + col.type();
                    if (expected == null || actual == null) {
                        assertThat(actual).as(where).isEqualTo(expected);
                    } else if (col.type() == ColumnType.FLOAT && col.decimals() > 30) { // MariaDB's text: 6 significant digits
                        assertThat(new BigDecimal(ascii(actual)).round(new MathContext(6)))
                                .as(where).isEqualByComparingTo(new BigDecimal(ascii(expected)));
                    } else if (col.type() == ColumnType.DOUBLE && col.decimals() > 30) {
                        assertThat(Double.parseDouble(ascii(actual))).as(where).isEqualTo(Double.parseDouble(ascii(expected)));
                    } else {
                        assertThat(ascii(actual)).as(where).isEqualTo(ascii(expected));
                        assertThat(actual).as(where).isEqualTo(expected);
                    }
                }
                // the row forwarded is the one the text values encode to — except FLOAT/DOUBLE, where the
                // text protocol's 6 digits or D decimals lost bits the binary row keeps (MariaDB's own binary answer)
                List<byte[]> expectedValues = new ArrayList<>(text.get(r).values());
                for (int i = 0; i < columns.size(); i++) {
                    ColumnType type = columns.get(i).type();
                    if (type == ColumnType.FLOAT || type == ColumnType.DOUBLE) expectedValues.set(i, binary.get(r).exact().get(i));
                }
                assertThat(hex(binary.get(r).binary())).as("row " + (r + 1) + " forwarded")
                        .isEqualTo(hex(encodedAsBefore(columns, expectedValues)));
            }
        }
    }

    /** What RowFormat.BINARY wrote from text values before binary rows were forwarded. */
    private static byte[] encodedAsBefore(List<Column> columns, List<byte[]> values) {
        ByteBuf out = Unpooled.buffer();
        out.writeByte(0);
        int bitmapAt = out.writerIndex();
        out.writeZero(BinaryRow.nullBitmapLength(columns.size()));
        for (int i = 0; i < columns.size(); i++) {
            byte[] v = values.get(i);
            if (v == null) {
                int bit = i + 2;
                int at = bitmapAt + (bit >>> 3);
                out.setByte(at, out.getByte(at) | (1 << (bit & 7)));
            } else {
                BinaryValues.write(out, columns.get(i), v);
            }
        }
        return ByteBufUtil.getBytes(out);
    }

    private static String hex(byte[] b) {
        return java.util.HexFormat.of().formatHex(b);
    }

    private static String ascii(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
