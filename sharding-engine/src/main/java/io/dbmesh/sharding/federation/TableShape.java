package io.dbmesh.sharding.federation;

import io.dbmesh.sharding.ShardExecutor;
import io.dbmesh.sharding.merge.Collation;
import io.dbmesh.sharding.merge.ColumnCollations;
import io.dbmesh.core.result.Column;
import io.dbmesh.sharding.rule.DataNode;
import io.dbmesh.sharding.rule.ShardedTable;
import io.dbmesh.sharding.rule.ShardingRules;
import io.dbmesh.sharding.rule.TableKind;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A logical table as one federated execution finds it: its data nodes (from the rules) and its
 * columns and their collations (read from a physical copy for every statement, so an ALTER TABLE is
 * never served stale). What Calcite's plan depends on is {@link #identity()}: a cached plan is only
 * reused while the tables it read still have the same columns.
 */
record TableShape(String name, List<DataNode> nodes, ShardedTable sharded, List<Column> columns,
                  Map<Integer, Collation> collations) {

    static TableShape read(ShardingRules rules, String name, TableMetadata metadata, ColumnCollations collations,
                           ShardExecutor executor) throws SQLException {
        ShardedTable sharded = rules.shardedTable(name).orElse(null);
        List<DataNode> nodes = sharded != null ? sharded.strategy().nodes()
                : rules.kind(name) == TableKind.BROADCAST ? List.of(new DataNode(rules.dataSources().get(0), name))
                : List.of(new DataNode(rules.unshardedDataSource(name), name));
        List<Column> columns = metadata.columns(name.toLowerCase(Locale.ROOT), nodes.get(0), executor);
        return new TableShape(name, nodes, sharded, columns, collations.of(columns, nodes.get(0).dataSource(), executor));
    }

    /** Name, columns and collation names: equal identities give Calcite the same row type. */
    List<Object> identity() {
        Map<Integer, String> collationNames = new TreeMap<>();
        collations.forEach((i, c) -> collationNames.put(i, c.name()));
        return List.of(name, columns, collationNames);
    }
}
