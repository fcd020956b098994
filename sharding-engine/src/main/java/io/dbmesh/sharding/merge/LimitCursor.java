package io.dbmesh.sharding.merge;

import io.dbmesh.core.result.ForwardingCursor;
import io.dbmesh.core.result.RowCursor;

import java.sql.SQLException;

/**
 * LIMIT offset, count applied after the merge (each shard was asked for offset+count rows). Once
 * the count is reached the input is closed at once, so shards stop streaming rows nobody reads.
 */
public final class LimitCursor extends ForwardingCursor {
    private long toSkip;
    private long remaining;

    /** @param count rows to pass after the offset; -1 for no limit */
    public LimitCursor(RowCursor input, long offset, long count) {
        super(input);
        if (offset < 0) throw new IllegalArgumentException("negative offset " + offset);
        this.toSkip = offset;
        this.remaining = count < 0 ? Long.MAX_VALUE : count;
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

}
