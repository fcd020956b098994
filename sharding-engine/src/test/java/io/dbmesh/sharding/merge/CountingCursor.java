package io.dbmesh.sharding.merge;

import io.dbmesh.sharding.result.Column;
import io.dbmesh.sharding.result.RowCursor;

import java.sql.SQLException;
import java.util.List;

/** Wraps a cursor and records how far it was read and whether it was closed. */
final class CountingCursor implements RowCursor {
    private final RowCursor input;
    int rowsRead;
    boolean closed;

    CountingCursor(RowCursor input) {
        this.input = input;
    }

    @Override
    public List<Column> columns() {
        return input.columns();
    }

    @Override
    public boolean next() throws SQLException {
        if (closed) throw new SQLException("read after close");
        boolean more = input.next();
        if (more) rowsRead++;
        return more;
    }

    @Override
    public byte[] value(int index) {
        return input.value(index);
    }

    @Override
    public void close() {
        closed = true;
        input.close();
    }
}
