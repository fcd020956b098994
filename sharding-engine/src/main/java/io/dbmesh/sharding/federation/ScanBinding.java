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
    private volatile ScanConnections connections;

    void bind(ShardExecutor executor, RowBudget budget) {
        this.executor = executor;
        this.budget = budget;
        this.connections = new ScanConnections(executor, budget.limit());
    }

    void unbind() {
        executor = null;
        budget = null;
        connections = null;
    }

    /** This execution's shard reads, at most one connection per data source at a time. */
    ScanConnections connections() {
        ScanConnections c = connections;
        if (c == null) throw new IllegalStateException("federated plan scanned outside an execution");
        return c;
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
