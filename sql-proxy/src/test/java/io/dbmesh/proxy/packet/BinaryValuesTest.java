package io.dbmesh.proxy.packet;

import io.dbmesh.proxy.testing.Columns;
import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.ColumnFlags;
import io.dbmesh.core.result.ColumnType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Text form → binary protocol value, for every column type (expected bytes in hex, little-endian). */
class BinaryValuesTest {

    private static String encode(Column column, String text) {
        ByteBuf out = Unpooled.buffer();
        BinaryValues.write(out, column, text.getBytes(StandardCharsets.UTF_8));
        return ByteBufUtil.hexDump(out);
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
            "TINY, false, -128, 80",
            "TINY, false, 127, 7f",
            "TINY, true, 255, ff",
            "SHORT, false, -32768, 0080",
            "SHORT, true, 65535, ffff",
            "YEAR, true, 2024, e807",
            "INT24, false, -8388608, 000080ff",
            "INT24, true, 16777215, ffffff00",
            "LONG, false, -2147483648, 00000080",
            "LONG, true, 4294967295, ffffffff",
            "LONG, false, 1, 01000000",
            "LONGLONG, false, -9223372036854775808, 0000000000000080",
            "LONGLONG, false, 9223372036854775807, ffffffffffffff7f",
            "LONGLONG, true, 18446744073709551615, ffffffffffffffff",
            "LONGLONG, true, 9223372036854775808, 0000000000000080",
    })
    void integers(ColumnType type, boolean unsigned, String text, String hex) {
        Column c = unsigned ? Columns.unsigned("c", type) : Columns.of("c", type);
        assertThat(encode(c, text)).isEqualTo(hex);
    }

    @Test
    void floatingPoint() {
        assertThat(encode(Columns.of("f", ColumnType.FLOAT), "1.5")).isEqualTo("0000c03f");
        assertThat(encode(Columns.of("f", ColumnType.FLOAT), "-3.40282e38"))
                .isEqualTo(hex(Unpooled.buffer().writeFloatLE(-3.40282e38f)));
        assertThat(encode(Columns.of("d", ColumnType.DOUBLE), "-2.25e-10"))
                .isEqualTo(hex(Unpooled.buffer().writeDoubleLE(-2.25e-10)));
        assertThat(encode(Columns.of("d", ColumnType.DOUBLE), "1")).isEqualTo("000000000000f03f");
    }

    @Test
    void decimalTravelsAsItsString() {
        assertThat(encode(Columns.of("d", ColumnType.NEWDECIMAL), "-12345.678900"))
                .isEqualTo("0d" + hex("-12345.678900"));
        assertThat(encode(Columns.of("d", ColumnType.DECIMAL), "0.1")).isEqualTo("03" + hex("0.1"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "DATE|2024-02-29|04e807021d",
            "DATE|0000-00-00|00",
            "DATETIME|0000-00-00 00:00:00|00",
            "DATETIME|2024-02-29 00:00:00|04e807021d",
            "DATETIME|2024-02-29 13:14:15|07e807021d0d0e0f",
            "DATETIME|2024-02-29 13:14:15.123456|0be807021d0d0e0f40e20100",
            "DATETIME|2024-02-29 13:14:15.5|0be807021d0d0e0f20a10700",
            "DATETIME|2024-02-29 13:14:15.000000|07e807021d0d0e0f",
            "TIMESTAMP|1970-01-01 00:00:01|07b2070101000001",
            "TIMESTAMP|2038-01-19 03:14:07.999999|0bf6070113030e073f420f00",
            "DATE|2024-00-00|04e8070000",
    })
    void dates(ColumnType type, String text, String hex) {
        assertThat(encode(Columns.of("c", type), text)).isEqualTo(hex);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "00:00:00|00",
            "-00:00:00|00",
            "12:34:56|0800000000000c2238",
            "-838:59:59|080122000000163b3b",
            "25:01:02.500000|0c000100000001010220a10700",
            "-00:00:00.000001|0c010000000000000001000000",
            "838:59:59.000000|080022000000163b3b",
    })
    void times(String text, String hex) {
        assertThat(encode(Columns.of("t", ColumnType.TIME), text)).isEqualTo(hex);
    }

    @Test
    void bytesTypesAreLengthEncoded() {
        for (ColumnType t : new ColumnType[]{ColumnType.VARCHAR, ColumnType.VAR_STRING, ColumnType.STRING, ColumnType.ENUM,
                ColumnType.SET, ColumnType.JSON, ColumnType.BLOB, ColumnType.TINY_BLOB, ColumnType.MEDIUM_BLOB,
                ColumnType.LONG_BLOB, ColumnType.GEOMETRY}) {
            assertThat(encode(Columns.of("s", t), "héllo")).as(t.name()).isEqualTo("06" + hex("héllo"));
        }
        ByteBuf out = Unpooled.buffer();
        BinaryValues.write(out, Columns.of("b", ColumnType.BIT, ColumnFlags.UNSIGNED, 0), new byte[]{0, 5});
        assertThat(ByteBufUtil.hexDump(out)).isEqualTo("020005");
        ByteBuf big = Unpooled.buffer();
        BinaryValues.write(big, Columns.of("b", ColumnType.BLOB), new byte[300]);
        assertThat(big.readUnsignedByte()).isEqualTo((short) 0xfc);
        assertThat(big.readUnsignedShortLE()).isEqualTo(300);
    }

    @Test
    void garbageInANumericColumnIsAnError() {
        assertThatThrownBy(() -> encode(Columns.of("i", ColumnType.LONG), "12a")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> encode(Columns.of("d", ColumnType.DATE), "2024")).isInstanceOf(NumberFormatException.class);
    }

    // ---- parameters (binary → Java) ----

    private static Object read(ColumnType type, boolean unsigned, String hex) {
        ByteBuf in = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex));
        Object v = BinaryValues.read(in, type, unsigned);
        assertThat(in.isReadable()).as("all bytes consumed").isFalse();
        return v;
    }

    @Test
    void readsIntegerParameters() {
        assertThat(read(ColumnType.TINY, false, "80")).isEqualTo(-128L);
        assertThat(read(ColumnType.TINY, true, "ff")).isEqualTo(255L);
        assertThat(read(ColumnType.SHORT, false, "0080")).isEqualTo(-32768L);
        assertThat(read(ColumnType.SHORT, true, "ffff")).isEqualTo(65535L);
        assertThat(read(ColumnType.YEAR, false, "e807")).isEqualTo(2024L);
        assertThat(read(ColumnType.LONG, false, "ffffffff")).isEqualTo(-1L);
        assertThat(read(ColumnType.LONG, true, "ffffffff")).isEqualTo(4294967295L);
        assertThat(read(ColumnType.INT24, false, "00000080")).isEqualTo(-2147483648L);
        assertThat(read(ColumnType.LONGLONG, true, "ffffffffffffffff")).isEqualTo(-1L); // the unsigned flag says how to read it
    }

    @Test
    void readsOtherParameters() {
        assertThat(read(ColumnType.FLOAT, false, "0000c03f")).isEqualTo(1.5f);
        assertThat(read(ColumnType.DOUBLE, false, "000000000000f03f")).isEqualTo(1.0d);
        assertThat(read(ColumnType.NEWDECIMAL, false, "03" + hex("0.1"))).isEqualTo("0.1");
        assertThat(read(ColumnType.VAR_STRING, false, "06" + hex("héllo"))).isEqualTo("héllo");
        assertThat(read(ColumnType.BLOB, false, "020005")).isEqualTo(new byte[]{0, 5});
        assertThat(read(ColumnType.NULL, false, "")).isNull();
    }

    @Test
    void readsTemporalParameters() {
        assertThat(read(ColumnType.DATE, false, "04e807021d")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(read(ColumnType.DATE, false, "00")).isEqualTo("0000-00-00");
        assertThat(read(ColumnType.DATETIME, false, "0be807021d0d0e0f40e20100"))
                .isEqualTo(LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123456000));
        assertThat(read(ColumnType.TIMESTAMP, false, "07e807021d0d0e0f")).isEqualTo(LocalDateTime.of(2024, 2, 29, 13, 14, 15));
        assertThat(read(ColumnType.DATETIME, false, "04e807021d")).isEqualTo(LocalDateTime.of(2024, 2, 29, 0, 0));
        assertThat(read(ColumnType.DATETIME, false, "00")).isEqualTo("0000-00-00 00:00:00");
        assertThat(read(ColumnType.TIME, false, "080122000000163b3b"))
                .isEqualTo(Duration.ofHours(838).plusMinutes(59).plusSeconds(59).negated());
        assertThat(read(ColumnType.TIME, false, "0c000100000001010220a10700"))
                .isEqualTo(Duration.ofHours(25).plusMinutes(1).plusSeconds(2).plusMillis(500));
        assertThat(read(ColumnType.TIME, false, "00")).isEqualTo(Duration.ZERO);
    }

    private static String hex(String s) {
        return ByteBufUtil.hexDump(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(ByteBuf b) {
        return ByteBufUtil.hexDump(b);
    }
}
