package io.dbmesh.core.result;

import java.sql.SQLException;
import java.util.List;

/**
 * A cursor over one input that passes everything on — columns, rows, values, the warning count and
 * the close — except what a subclass overrides: a LIMIT stops early, HAVING or DISTINCT skip rows,
 * a projection hides columns, a relabelling renames them, a guard checks values. One place for the
 * plumbing, so a new wrapper cannot forget to forward (the warning count, as {@link RowCursor#warnings}
 * asks of wrappers, or the close that gives a backend connection back).
 */
public abstract class ForwardingCursor implements RowCursor {
    protected final RowCursor input;

    protected ForwardingCursor(RowCursor input) {
        this.input = input;
    }

    @Override
    public List<Column> columns() {
        return input.columns();
    }

    @Override
    public boolean next() throws SQLException {
        return input.next();
    }

    @Override
    public byte[] value(int index) {
        return input.value(index);
    }

    @Override
    public int warnings() {
        return input.warnings();
    }

    @Override
    public void close() {
        input.close();
    }
}
