package io.dbmesh.sharding.federation;

import io.dbmesh.sharding.ShardExecutor;
import io.dbmesh.sharding.plan.Federated;
import io.dbmesh.core.result.RowCursor;
import io.dbmesh.sharding.rule.ShardingRules;

import java.sql.SQLException;

/**
 * Entry point of federation. {@link #lazy} costs nothing at sidecar start: Apache Calcite (tens
 * of megabytes of classes, a second or more to warm up) is loaded on the first federated statement
 * of the logical database, never before.
 */
public final class Federation {
    private Federation() {
    }

    public static FederatedExecutor lazy(ShardingRules rules) {
        return lazy(rules, io.dbmesh.sharding.merge.MergeSettings.DEFAULTS.maxMemoryRows());
    }

    /**
     * @param maxRowsRead shard rows one federated statement may read; beyond it the statement fails
     *                    (Calcite may hold what it reads in memory for joins and sorts)
     */
    public static FederatedExecutor lazy(ShardingRules rules, long maxRowsRead) {
        return new Lazy(rules, maxRowsRead, -1);
    }

    /**
     * @param planCacheSize compiled statement shapes kept for their next execution (0: none, every
     *                      execution plans again); see {@code PlanCache}
     */
    public static FederatedExecutor lazy(ShardingRules rules, long maxRowsRead, int planCacheSize) {
        if (planCacheSize < 0) throw new IllegalArgumentException("planCacheSize must be >= 0, got " + planCacheSize);
        return new Lazy(rules, maxRowsRead, planCacheSize);
    }

    /** Holds no Calcite type, so loading this class loads no Calcite class. */
    private static final class Lazy implements FederatedExecutor {
        private final ShardingRules rules;
        private final long maxRowsRead;
        private final int planCacheSize; // -1: the rules' federation.plan_cache_size
        private volatile FederatedExecutor engine;

        Lazy(ShardingRules rules, long maxRowsRead, int planCacheSize) {
            this.rules = rules;
            this.maxRowsRead = maxRowsRead;
            this.planCacheSize = planCacheSize;
        }

        @Override
        public RowCursor execute(Federated statement, ShardExecutor shards) throws SQLException {
            FederatedExecutor e = engine;
            if (e == null) {
                synchronized (this) {
                    e = engine;
                    if (e == null) engine = e = new CalciteFederation(rules, maxRowsRead,
                            planCacheSize >= 0 ? planCacheSize : rules.federationPlanCache());
                }
            }
            return e.execute(statement, shards);
        }
    }
}
