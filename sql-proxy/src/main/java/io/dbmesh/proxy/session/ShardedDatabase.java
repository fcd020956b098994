package io.dbmesh.proxy.session;

import io.dbmesh.sharding.ShardExecutor;
import io.dbmesh.sharding.merge.MergeSettings;
import io.dbmesh.sharding.engine.PlanExecutor;
import io.dbmesh.sharding.federation.FederatedExecutor;
import io.dbmesh.sharding.federation.Federation;
import io.dbmesh.sharding.merge.ColumnCollations;
import io.dbmesh.sharding.plan.ShardingPlanner;
import io.dbmesh.sharding.rule.ShardingRules;

/**
 * A logical database spread over several data sources by sharding rules: statements are planned by
 * the sharding engine ({@link ShardingPlanner}, shared by all sessions of this config snapshot) and
 * run through each session's {@link SessionShardExecutor}.
 *
 * @param collations the real collations of the physical tables' columns (read from
 *                   information_schema once per table and kept for this config snapshot), so every
 *                   cross-shard ORDER BY / GROUP BY / DISTINCT / MIN / MAX compares as MariaDB does
 */
public record ShardedDatabase(String name, ShardingRules rules, ShardingPlanner planner, FederatedExecutor federation,
                              MergeSettings mergeSettings, ColumnCollations collations) implements LogicalDatabase {

    public static ShardedDatabase of(String name, ShardingRules rules) {
        return new ShardedDatabase(name, rules, new ShardingPlanner(rules), Federation.lazy(rules), MergeSettings.DEFAULTS,
                new ColumnCollations());
    }

    @Override
    public String defaultDataSource() {
        return rules.defaultDataSource();
    }

    @Override
    public PlanExecutor planExecutor(ShardExecutor shards) {
        return new PlanExecutor(shards, federation, mergeSettings, collations);
    }
}
