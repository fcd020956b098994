package io.dbmesh.sharding;

import io.dbmesh.core.result.RowCursor;
import io.dbmesh.core.result.UpdateResult;

/** What one physical statement produced: a stream of rows or an update count. */
public sealed interface ShardResult {

    record Rows(RowCursor cursor) implements ShardResult {
    }

    record Updated(UpdateResult result) implements ShardResult {
    }
}
