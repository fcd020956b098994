package io.dbmesh.proxy.session;

import io.dbmesh.core.error.MySqlException;
import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.ColumnFlags;
import io.dbmesh.core.result.ColumnType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every MySQL column type comes back in the exact text form the server writes (what the mysql CLI
 * shows), with the backend's column metadata — including the values Java types cannot hold:
 * zero dates, negative and >24h TIME, unsigned BIGINT beyond Long.MAX_VALUE, BIT and binary bytes.
 */
// needs the MariaDB at 127.0.0.1:3306 (README "Tests": -DexcludedGroups=mariadb runs the others without it)
@Tag("mariadb")
class TypeMatrixTest {

    static TestBackend backend;
    static CollectingSink.Rows row;
    static CollectingSink.Rows nulls;

    @BeforeAll
    static void load() throws Exception {
        TestBackend.createSchemas();
        try (Connection c = TestBackend.direct("exec_app"); Statement st = c.createStatement()) {
            st.execute("CREATE OR REPLACE TABLE tm_types (id INT NOT NULL PRIMARY KEY,"
                    + " t TINYINT, tu TINYINT UNSIGNED, s SMALLINT, m MEDIUMINT, i INT, b BIGINT, bu BIGINT UNSIGNED,"
                    + " d DECIMAL(10,3), f FLOAT, db DOUBLE, bits BIT(10), dt DATE, tm TIME(6), tlong TIME,"
                    + " dtm DATETIME(6), ts TIMESTAMP(3) NULL, y YEAR, c CHAR(5), vc VARCHAR(20), bin BINARY(4),"
                    + " vb VARBINARY(8), tb TINYBLOB, bl BLOB, tx TEXT, e ENUM('a','b'), st SET('a','b','c'),"
                    + " j JSON, g POINT, zd DATE, zdt DATETIME, u VARCHAR(20))");
        }
        backend = new TestBackend(2);
        SessionCommandHandler session = backend.open("app");
        try {
            // zero dates need a lenient sql_mode: set it through the session (replayed on its connection)
            run(session, "SET sql_mode = '', time_zone = '+00:00'");
            run(session, "INSERT INTO tm_types VALUES (1, -128, 255, -32768, -8388608, -2147483648,"
                    + " -9223372036854775808, 18446744073709551615, -12345.678, 1.5, 3.141592653589793,"
                    + " b'1010101010', '2024-02-29', '-123:45:06.5', '838:59:59', '2024-01-02 03:04:05.123456',"
                    + " '2024-01-02 03:04:05.12', 2024, 'ab', 'héllo €😀', 'ab', x'00ff10', x'0102', x'ffee', 'long text',"
                    + " 'b', 'a,c', '{\"a\": [1, 2.50]}', ST_GeomFromText('POINT(1 2)'), '0000-00-00',"
                    + " '0000-00-00 00:00:00', 'x')");
            run(session, "INSERT INTO tm_types (id) VALUES (2)");
            CollectingSink sink = new CollectingSink(session);
            session.query("SELECT * FROM tm_types ORDER BY id", sink);
            CollectingSink.Rows all = sink.rows();
            row = all;
            nulls = all;
        } finally {
            session.close();
        }
    }

    private static void run(SessionCommandHandler session, String sql) {
        CollectingSink sink = new CollectingSink(session);
        session.query(sql, sink);
        if (!(sink.single() instanceof CollectingSink.Ok)) {
            throw new AssertionError(sql + " → " + sink.results);
        }
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    private static String text(String column) {
        return row.text(0, index(column));
    }

    private static int index(String column) {
        for (int i = 0; i < row.columns().size(); i++) {
            if (row.columns().get(i).name().equals(column)) return i;
        }
        throw new AssertionError("no column " + column);
    }

    private static Column column(String name) {
        return row.columns().get(index(name));
    }

    @Test
    void integersSignedAndUnsigned() {
        assertThat(text("t")).isEqualTo("-128");
        assertThat(text("tu")).isEqualTo("255");
        assertThat(text("s")).isEqualTo("-32768");
        assertThat(text("m")).isEqualTo("-8388608");
        assertThat(text("i")).isEqualTo("-2147483648");
        assertThat(text("b")).isEqualTo("-9223372036854775808");
        assertThat(text("bu")).isEqualTo("18446744073709551615");
        assertThat(column("bu").type()).isEqualTo(ColumnType.LONGLONG);
        assertThat(column("bu").flags() & ColumnFlags.UNSIGNED).isNotZero();
        assertThat(column("b").flags() & ColumnFlags.UNSIGNED).isZero();
        assertThat(column("m").type()).isEqualTo(ColumnType.INT24);
        assertThat(column("id").flags() & (ColumnFlags.NOT_NULL | ColumnFlags.PRI_KEY))
                .isEqualTo(ColumnFlags.NOT_NULL | ColumnFlags.PRI_KEY);
    }

    @Test
    void decimalsAndFloatingPoint() {
        assertThat(text("d")).isEqualTo("-12345.678");
        assertThat(column("d").type()).isEqualTo(ColumnType.NEWDECIMAL);
        assertThat(column("d").decimals()).isEqualTo(3);
        assertThat(text("f")).isEqualTo("1.5");
        assertThat(column("f").type()).isEqualTo(ColumnType.FLOAT);
        assertThat(text("db")).isEqualTo("3.141592653589793");
    }

    @Test
    void temporalValuesExactlyAsTheServerWritesThem() {
        assertThat(text("dt")).isEqualTo("2024-02-29");
        assertThat(text("tm")).isEqualTo("-123:45:06.500000");
        assertThat(column("tm").decimals()).isEqualTo(6);
        assertThat(text("tlong")).isEqualTo("838:59:59");
        assertThat(text("dtm")).isEqualTo("2024-01-02 03:04:05.123456");
        assertThat(text("ts")).isEqualTo("2024-01-02 03:04:05.120");
        assertThat(column("ts").type()).isEqualTo(ColumnType.TIMESTAMP);
        assertThat(text("y")).isEqualTo("2024");
        assertThat(column("y").type()).isEqualTo(ColumnType.YEAR);
        assertThat(text("zd")).isEqualTo("0000-00-00");
        assertThat(text("zdt")).isEqualTo("0000-00-00 00:00:00");
    }

    @Test
    void stringsAreUtf8AndBinaryIsRaw() {
        assertThat(text("c")).isEqualTo("ab");
        assertThat(text("vc")).isEqualTo("héllo €😀");
        assertThat(column("vc").charset()).isNotEqualTo(63);
        assertThat(column("vc").length()).isEqualTo(80); // 20 characters × 4 bytes
        assertThat(row.rows().get(0)[index("bin")]).containsExactly('a', 'b', 0, 0);
        assertThat(column("bin").charset()).isEqualTo(63);
        assertThat(column("bin").flags() & ColumnFlags.BINARY).isNotZero();
        assertThat(row.rows().get(0)[index("vb")]).containsExactly(0x00, 0xff, 0x10);
        assertThat(row.rows().get(0)[index("tb")]).containsExactly(1, 2);
        assertThat(row.rows().get(0)[index("bl")]).containsExactly(0xff, 0xee);
        assertThat(column("bl").type()).isEqualTo(ColumnType.BLOB);
        assertThat(text("tx")).isEqualTo("long text");
        assertThat(column("tx").charset()).isNotEqualTo(63);
    }

    @Test
    void bitEnumSetJsonGeometry() {
        assertThat(row.rows().get(0)[index("bits")]).containsExactly(0x02, 0xaa);
        assertThat(column("bits").type()).isEqualTo(ColumnType.BIT);
        assertThat(text("e")).isEqualTo("b");
        assertThat(column("e").flags() & ColumnFlags.ENUM).isNotZero();
        assertThat(text("st")).isEqualTo("a,c");
        assertThat(column("st").flags() & ColumnFlags.SET).isNotZero();
        assertThat(text("j")).isEqualTo("{\"a\": [1, 2.50]}");
        byte[] point = row.rows().get(0)[index("g")];
        // SRID 0, then WKB: little endian, type 1 (point), x = 1.0, y = 2.0
        assertThat(HexFormat.of().formatHex(point))
                .isEqualTo("00000000" + "01" + "01000000" + "000000000000f03f" + "0000000000000040");
        assertThat(column("g").type()).isEqualTo(ColumnType.GEOMETRY);
    }

    @Test
    void nullsAreNull() {
        byte[][] second = nulls.rows().get(1);
        assertThat(new String(second[0], StandardCharsets.UTF_8)).isEqualTo("2");
        for (int i = 1; i < second.length; i++) {
            assertThat(second[i]).as(row.columns().get(i).name()).isNull();
        }
    }

    @Test
    void theSessionKeptItsOwnSqlModeAndTimeZone() throws MySqlException {
        SessionCommandHandler fresh = backend.open("app");
        try {
            CollectingSink sink = new CollectingSink(fresh);
            fresh.query("SELECT @@sql_mode = '', @@time_zone", sink);
            assertThat(sink.rows().text(0, 0)).isEqualTo("0");
            assertThat(sink.rows().text(0, 1)).isEqualTo("SYSTEM");
        } finally {
            fresh.close();
        }
    }
}
