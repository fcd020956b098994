package io.dbmesh.proxy.testing;

import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.RowCursor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A RowCursor over rows held in memory (values as text; null = SQL NULL). */
public final class ListCursor implements RowCursor {
    private final List<Column> columns;
    private final List<byte[][]> rows;
    private int index = -1;
    public boolean closed;

    public ListCursor(List<Column> columns, List<byte[][]> rows) {
        this.columns = columns;
        this.rows = rows;
    }

    /** Rows given as strings (UTF-8), null for NULL. */
    public static ListCursor of(List<Column> columns, List<List<String>> rows) {
        List<byte[][]> bytes = new ArrayList<>();
        for (List<String> row : rows) {
            byte[][] r = new byte[row.size()][];
            for (int i = 0; i < r.length; i++) r[i] = row.get(i) == null ? null : row.get(i).getBytes(StandardCharsets.UTF_8);
            bytes.add(r);
        }
        return new ListCursor(columns, bytes);
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public boolean next() {
        return ++index < rows.size();
    }

    @Override
    public byte[] value(int i) {
        return rows.get(index)[i];
    }

    @Override
    public void close() {
        closed = true;
    }
}
