package io.dbmesh.proxy.session;

import io.dbmesh.core.result.ForwardingCursor;
import io.dbmesh.core.result.RowCursor;

import java.util.function.IntSupplier;

/**
 * A sharded result whose warning count is the sum of its shards' (a merge does not carry them):
 * {@code SELECT 1/0} over shards reports its warnings in the final EOF/OK as MariaDB does.
 */
final class ShardWarningsCursor extends ForwardingCursor {
    private final IntSupplier shardWarnings;

    ShardWarningsCursor(RowCursor input, IntSupplier shardWarnings) {
        super(input);
        this.shardWarnings = shardWarnings;
    }

    @Override
    public int warnings() {
        return Math.max(input.warnings(), shardWarnings.getAsInt());
    }

    /** Names (or the warning count) change, rows and types do not: the backend's binary rows pass. */
    @Override
    public byte[] binaryRow() {
        return input.binaryRow();
    }
}
