package io.dbmesh.sharding.federation;

import io.dbmesh.sharding.ShardExecutor;

/**
 * What a {@link ShardScanTable} reads through during one execution: the session's shards and the
 * statement's row budget. A compiled federated plan is kept across executions (and sessions), so
 * its tables cannot hold these themselves; each execution binds them here and unbinds them after,
 * so a cached plan never keeps a session alive.
 */
final class ScanBinding {
    private volatile ShardExecutor executor;
    private volatile RowBudget budget;

    void bind(ShardExecutor executor, RowBudget budget) {
        this.executor = executor;
        this.budget = budget;
    }

    void unbind() {
        executor = null;
        budget = null;
    }

    ShardExecutor executor() {
        ShardExecutor e = executor;
        if (e == null) throw new IllegalStateException("federated plan scanned outside an execution");
        return e;
    }

    RowBudget budget() {
        RowBudget b = budget;
        if (b == null) throw new IllegalStateException("federated plan scanned outside an execution");
        return b;
    }
}
