package io.dbmesh.proxy.testing;

import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.ColumnFlags;
import io.dbmesh.core.result.ColumnType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** One row holding every column type, in the text form MariaDB sends (what RowCursor carries). */
public final class TypeMatrix {
    public record Entry(Column column, byte[] text) {
    }

    public static final List<Entry> ENTRIES = List.of(
            e(Columns.of("tiny_s", ColumnType.TINY), "-128"),
            e(Columns.unsigned("tiny_u", ColumnType.TINY), "255"),
            e(Columns.of("short_s", ColumnType.SHORT), "-32768"),
            e(Columns.unsigned("short_u", ColumnType.SHORT), "65535"),
            e(Columns.of("int24_s", ColumnType.INT24), "-8388608"),
            e(Columns.of("long_s", ColumnType.LONG), "-2147483648"),
            e(Columns.unsigned("long_u", ColumnType.LONG), "4294967295"),
            e(Columns.of("ll_s", ColumnType.LONGLONG), "-9223372036854775808"),
            e(Columns.unsigned("ll_u", ColumnType.LONGLONG), "18446744073709551615"),
            e(Columns.of("yr", ColumnType.YEAR, ColumnFlags.UNSIGNED | ColumnFlags.ZEROFILL, 0), "2024"),
            e(Columns.of("flt", ColumnType.FLOAT, 0, 31), "1.5"),
            e(Columns.of("dbl", ColumnType.DOUBLE, 0, 31), "-2.25e-10"),
            e(Columns.of("dec", ColumnType.NEWDECIMAL, 0, 6), "-12345.678900"),
            e(Columns.of("d", ColumnType.DATE), "2024-02-29"),
            e(Columns.of("dt6", ColumnType.DATETIME, 0, 6), "2024-02-29 13:14:15.123456"),
            e(Columns.of("dt0", ColumnType.DATETIME), "2024-02-29 13:14:15"),
            e(Columns.of("ts", ColumnType.TIMESTAMP), "2024-02-29 00:00:00"),
            e(Columns.of("tm_neg", ColumnType.TIME), "-838:59:59"),
            e(Columns.of("tm_frac", ColumnType.TIME, 0, 6), "25:01:02.500000"),
            new Entry(Columns.of("b", ColumnType.BIT, ColumnFlags.UNSIGNED, 0), new byte[]{5}),
            e(Columns.of("en", ColumnType.STRING, ColumnFlags.ENUM, 0), "b"),
            e(Columns.of("st", ColumnType.STRING, ColumnFlags.SET, 0), "a,c"),
            e(Columns.of("js", ColumnType.BLOB), "{\"a\": [1, 2]}"),
            new Entry(Columns.of("bl", ColumnType.BLOB, ColumnFlags.BINARY | ColumnFlags.BLOB, 0), new byte[]{0, 1, 2, (byte) 0xff}),
            e(Columns.of("txt", ColumnType.VAR_STRING), "héllo wörld"),
            new Entry(Columns.of("nul", ColumnType.VAR_STRING), null));

    private TypeMatrix() {
    }

    private static Entry e(Column c, String text) {
        return new Entry(c, text.getBytes(StandardCharsets.UTF_8));
    }

    public static List<Column> columns() {
        return ENTRIES.stream().map(Entry::column).toList();
    }

    public static ListCursor cursor() {
        byte[][] row = new byte[ENTRIES.size()][];
        for (int i = 0; i < row.length; i++) row[i] = ENTRIES.get(i).text();
        List<byte[][]> rows = new ArrayList<>();
        rows.add(row);
        return new ListCursor(columns(), rows);
    }
}
