package io.dbmesh.proxy.session;

import io.dbmesh.sharding.ShardExecutor;
import io.dbmesh.sharding.merge.MergeSettings;
import io.dbmesh.sharding.engine.PlanExecutor;
import io.dbmesh.sharding.plan.PassthroughPlanner;

/**
 * A logical database served entirely by one data source: statements pass through unchanged, with
 * the data source's physical schema selected (its name may differ from the logical one). Its
 * planner emits one unsharded route per statement without parsing it.
 */
public record PassthroughDatabase(String name, String dataSource, PassthroughPlanner planner) implements LogicalDatabase {

    public PassthroughDatabase(String name, String dataSource) {
        this(name, dataSource, new PassthroughPlanner(dataSource));
    }

    @Override
    public String defaultDataSource() {
        return dataSource;
    }

    /** A route of one statement merges nothing and federates nothing. */
    @Override
    public PlanExecutor planExecutor(ShardExecutor shards) {
        return new PlanExecutor(shards, null, MergeSettings.DEFAULTS);
    }
}
