package io.dbmesh.sharding.merge;

import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.RowCursor;

import java.sql.SQLException;
import java.util.List;

/**
 * The rows of each input in turn (a scatter without ORDER BY, UNION ALL-like). Each input is
 * closed as soon as it is exhausted so its backend connection is released early.
 */
public final class ConcatCursor implements RowCursor {
    private final List<RowCursor> inputs;
    /** Rows pass unchanged: a shard's binary row is forwarded when all shards describe columns alike. */
    private final boolean forwardsBinaryRows;
    private int position;

    public ConcatCursor(List<RowCursor> inputs) {
        if (inputs.isEmpty()) throw new IllegalArgumentException("concatenation of no inputs");
        this.inputs = List.copyOf(inputs);
        this.forwardsBinaryRows = RowLayouts.same(this.inputs);
    }

    @Override
    public List<Column> columns() {
        return inputs.get(0).columns();
    }

    @Override
    public boolean next() throws SQLException {
        while (position < inputs.size()) {
            if (inputs.get(position).next()) return true;
            inputs.get(position++).close();
        }
        return false;
    }

    @Override
    public byte[] value(int index) {
        return inputs.get(position).value(index);
    }

    @Override
    public byte[] binaryRow() {
        return forwardsBinaryRows ? inputs.get(position).binaryRow() : null;
    }

    @Override
    public void close() {
        for (RowCursor c : inputs) c.close();
        position = inputs.size();
    }
}
