package io.dbmesh.proxy.session;

import io.dbmesh.sharding.result.Column;
import io.dbmesh.sharding.result.RowCursor;

import java.sql.SQLException;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * A sharded result whose warning count is the sum of its shards' (a merge does not carry them):
 * {@code SELECT 1/0} over shards reports its warnings in the final EOF/OK as MariaDB does.
 */
final class ShardWarningsCursor implements RowCursor {
    private final RowCursor input;
    private final IntSupplier shardWarnings;

    ShardWarningsCursor(RowCursor input, IntSupplier shardWarnings) {
        this.input = input;
        this.shardWarnings = shardWarnings;
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
        return Math.max(input.warnings(), shardWarnings.getAsInt());
    }

    @Override
    public void close() {
        input.close();
    }
}
