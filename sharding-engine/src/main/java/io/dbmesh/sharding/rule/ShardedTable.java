package io.dbmesh.sharding.rule;

/**
 * A logical table whose rows are spread over physical tables by the value of {@code shardKey}.
 *
 * @param generatedKey column the snowflake generator fills when an INSERT leaves it out, or null
 */
public record ShardedTable(String name, String shardKey, ShardingStrategy strategy, String generatedKey) {
}
