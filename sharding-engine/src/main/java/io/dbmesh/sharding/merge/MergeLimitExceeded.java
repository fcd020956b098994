package io.dbmesh.sharding.merge;

import io.dbmesh.sharding.ShardingException;

/**
 * The errors a memory-bound merge raises when a query needs more rows in memory than the
 * configured limit: the codes MySQL gives when its own sort buffer or temporary table is full, with
 * a message that names dbmesh's limit and what to do instead.
 */
final class MergeLimitExceeded {
    private MergeLimitExceeded() {
    }

    /** ER_RECORD_FILE_FULL, as when MySQL's temporary table for GROUP BY / DISTINCT fills up. */
    static ShardingException groups(String what, long limit) {
        return new ShardingException(1114, "HY000", "The table '" + what + "' is full: dbmesh keeps at most "
                + limit + " rows in memory to merge shard results (let the shards sort by the grouping columns, or narrow the query)");
    }

    /** ER_OUT_OF_SORTMEMORY, as when MySQL's sort buffer is too small. */
    static ShardingException sort(long limit) {
        return new ShardingException(1038, "HY001", "Out of sort memory: dbmesh sorts at most " + limit
                + " merged rows in memory (add a LIMIT, or ORDER BY columns the shards can sort by)");
    }
}
