package io.dbmesh.sharding.merge;

import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.ColumnFlags;
import io.dbmesh.core.result.ColumnType;
import io.dbmesh.core.result.RowCursor;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Literal columns, rows and cursors for merge tests. */
public final class TestRows {
    private TestRows() {
    }

    static Column col(String name, ColumnType type) {
        int charset = switch (type) {
            case VARCHAR, VAR_STRING, STRING, BLOB, JSON -> 45;
            default -> 63;
        };
        int flags = charset == 63 ? ColumnFlags.BINARY : 0;
        return new Column("db", "t", "t", name, name, charset, 20, type, flags, 0);
    }

    static Column col(String name, ColumnType type, int flags, int decimals, long length) {
        return new Column("db", "t", "t", name, name, 63, length, type, flags | ColumnFlags.BINARY, decimals);
    }

    static Column text(String name, int collationId) {
        return new Column("db", "t", "t", name, name, collationId, 255, ColumnType.VAR_STRING, 0, 0);
    }

    static byte[] b(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    /** A row of text values ("NULL"-free: use null). */
    static byte[][] row(String... values) {
        byte[][] r = new byte[values.length][];
        for (int i = 0; i < values.length; i++) r[i] = b(values[i]);
        return r;
    }

    static ListCursor cursor(List<Column> columns, byte[][]... rows) {
        return new ListCursor(columns, List.of(rows));
    }

    /** Reads a cursor to the end as strings, null for NULL. */
    public static List<List<String>> drain(RowCursor c) throws SQLException {
        List<List<String>> out = new ArrayList<>();
        try (c) {
            int n = c.columns().size();
            while (c.next()) {
                List<String> r = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    byte[] v = c.value(i);
                    r.add(v == null ? null : new String(v, StandardCharsets.UTF_8));
                }
                out.add(r);
            }
        }
        return out;
    }
}
