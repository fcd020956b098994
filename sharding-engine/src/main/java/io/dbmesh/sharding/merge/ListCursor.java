package io.dbmesh.sharding.merge;

import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.RowCursor;

import java.util.Iterator;
import java.util.List;

/**
 * Rows already in memory (answers the engine computes itself, the output of a memory merge, tests).
 * Each row is an array of text-form values, null = NULL.
 */
public final class ListCursor implements RowCursor {
    private final List<Column> columns;
    private final Iterator<byte[][]> rows;
    private byte[][] current;

    public ListCursor(List<Column> columns, List<byte[][]> rows) {
        this.columns = List.copyOf(columns);
        this.rows = rows.iterator();
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public boolean next() {
        current = rows.hasNext() ? rows.next() : null;
        return current != null;
    }

    @Override
    public byte[] value(int index) {
        return current[index];
    }

    @Override
    public void close() {
        current = null;
    }
}
