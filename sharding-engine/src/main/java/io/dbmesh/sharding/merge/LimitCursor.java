package io.dbmesh.sharding.merge;

import io.dbmesh.sharding.result.Column;
import io.dbmesh.sharding.result.RowCursor;

import java.sql.SQLException;
import java.util.List;

/**
 * LIMIT offset, count applied after the merge (each shard was asked for offset+count rows). Once
 * the count is reached the input is closed at once, so shards stop streaming rows nobody reads.
 */
public final class LimitCursor implements RowCursor {
    private final RowCursor input;
    private long toSkip;
    private long remaining;

    /** @param count rows to pass after the offset; -1 for no limit */
    public LimitCursor(RowCursor input, long offset, long count) {
        if (offset < 0) throw new IllegalArgumentException("negative offset " + offset);
        this.input = input;
        this.toSkip = offset;
        this.remaining = count < 0 ? Long.MAX_VALUE : count;
    }

    @Override
    public List<Column> columns() {
        return input.columns();
    }

    @Override
    public boolean next() throws SQLException {
        if (remaining <= 0) {
            input.close();
            return false;
        }
        for (; toSkip > 0; toSkip--) {
            if (!input.next()) return finish();
        }
        if (!input.next()) return finish();
        remaining--;
        return true;
    }

    private boolean finish() {
        remaining = 0;
        input.close();
        return false;
    }

    @Override
    public byte[] value(int index) {
        return input.value(index);
    }

    @Override
    public void close() {
        input.close();
    }
}
