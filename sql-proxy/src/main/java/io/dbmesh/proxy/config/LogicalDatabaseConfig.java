package io.dbmesh.proxy.config;

import io.dbmesh.sharding.rule.ShardingRules;

/**
 * A database name clients see. In passthrough form it maps to one data source whose physical
 * schema serves it. With sharding rules (bound and validated at load by the sharding engine's
 * {@code ShardingRulesBinder}) it spans several data sources.
 *
 * @param dataSource  name of the data source serving it (passthrough; with sharding, the default
 *                    data source), or null when the rules name their own
 * @param sharding    the validated sharding rules, or null for passthrough
 * @param consistency what its sessions may read from replicas of replica-group data sources
 * @param transactions how its multi-shard transactions commit (local or XA)
 */
public record LogicalDatabaseConfig(String name, String dataSource, ShardingRules sharding,
                                    ReadConsistency consistency, TransactionsConfig transactions) {

    /** With local transactions. */
    public LogicalDatabaseConfig(String name, String dataSource, ShardingRules sharding, ReadConsistency consistency) {
        this(name, dataSource, sharding, consistency, TransactionsConfig.LOCAL);
    }

    /** A passthrough database. */
    public LogicalDatabaseConfig(String name, String dataSource) {
        this(name, dataSource, null);
    }

    /** With the default read consistency ({@code session}). */
    public LogicalDatabaseConfig(String name, String dataSource, ShardingRules sharding) {
        this(name, dataSource, sharding, ReadConsistency.DEFAULT);
    }

    public boolean sharded() {
        return sharding != null;
    }
}
