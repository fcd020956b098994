package io.dbmesh.sharding.federation;

import io.dbmesh.sharding.ShardingException;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How many shard rows one federated statement may still read. Calcite keeps what a join or a sort
 * needs in memory, so the rows read bound the memory a statement can take; past the limit it fails
 * with ER_RECORD_FILE_FULL like a MySQL temporary table that filled up, never an OutOfMemoryError.
 */
final class RowBudget {
    private final long limit;
    private final AtomicLong read = new AtomicLong();

    RowBudget(long limit) {
        this.limit = limit;
    }

    long limit() {
        return limit;
    }

    void take() throws ShardingException {
        if (read.incrementAndGet() > limit) {
            throw new ShardingException(1114, "HY000", "The table 'federated query' is full: dbmesh reads at most " + limit
                    + " shard rows for a query over differently sharded tables (narrow it with conditions on the shard keys)");
        }
    }
}
