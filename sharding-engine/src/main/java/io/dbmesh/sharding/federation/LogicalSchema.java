package io.dbmesh.sharding.federation;

import io.dbmesh.sharding.ShardExecutor;
import io.dbmesh.sharding.rule.DataNode;
import io.dbmesh.sharding.rule.ShardedTable;
import io.dbmesh.sharding.rule.ShardingRules;
import io.dbmesh.sharding.rule.TableKind;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The logical database as a Calcite schema, built per federated statement around the session's
 * ShardExecutor: one {@link ShardScanTable} per logical table the statement reads (sharded tables
 * over all their data nodes, broadcast tables over one copy, single tables over their data source).
 */
final class LogicalSchema extends AbstractSchema {
    private final Map<String, Table> tables = new LinkedHashMap<>();

    LogicalSchema(ShardingRules rules, List<String> logicalTables, TableMetadata metadata,
                  io.dbmesh.sharding.merge.ColumnCollations collations, ShardExecutor executor, RowBudget budget) throws SQLException {
        for (String name : logicalTables) {
            ShardedTable sharded = rules.shardedTable(name).orElse(null);
            List<DataNode> nodes = sharded != null ? sharded.strategy().nodes()
                    : rules.kind(name) == TableKind.BROADCAST ? List.of(new DataNode(rules.dataSources().get(0), name))
                    : List.of(new DataNode(rules.unshardedDataSource(name), name));
            String key = name.toLowerCase(java.util.Locale.ROOT);
            List<io.dbmesh.sharding.result.Column> columns = metadata.columns(key, nodes.get(0), executor);
            tables.put(name, new ShardScanTable(name, nodes, sharded, columns,
                    collations.of(columns, nodes.get(0).dataSource(), executor), executor, budget));
        }
    }

    @Override
    protected Map<String, Table> getTableMap() {
        return tables;
    }
}
