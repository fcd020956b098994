package io.dbmesh.sharding.merge;

import io.dbmesh.core.result.ForwardingCursor;
import io.dbmesh.core.result.RowCursor;

import java.sql.SQLException;

/** Wraps a cursor and records how far it was read and whether it was closed; reports {@link #warnings} set by the test. */
final class CountingCursor extends ForwardingCursor {
    int rowsRead;
    boolean closed;
    int warnings;

    CountingCursor(RowCursor input) {
        super(input);
    }

    @Override
    public boolean next() throws SQLException {
        if (closed) throw new SQLException("read after close");
        boolean more = input.next();
        if (more) rowsRead++;
        return more;
    }

    @Override
    public int warnings() {
        return warnings;
    }

    @Override
    public void close() {
        closed = true;
        input.close();
    }
}
