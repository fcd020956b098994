package io.dbmesh.proxy.session;

import io.dbmesh.sharding.rule.DataNode;
import io.dbmesh.sharding.rule.ShardingRules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the rows of one logical table of a sharded database live: the physical tables per data
 * source (every node of a sharded table, the same name on every data source for a broadcast table,
 * one table on its data source otherwise). For the statements the sidecar fans out itself over all
 * of a table's physical tables (LOCK TABLES, CHECKSUM/ANALYZE/OPTIMIZE TABLE, COM_FIELD_LIST).
 */
final class PhysicalTables {

    private PhysicalTables() {
    }

    /** Data source → physical table names, data sources in the rules' order. */
    static Map<String, List<String>> of(ShardingRules rules, String logical) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        switch (rules.kind(logical)) {
            case SHARDED -> {
                for (DataNode node : rules.shardedTable(logical).orElseThrow().strategy().nodes()) {
                    out.computeIfAbsent(node.dataSource(), ds -> new ArrayList<>()).add(node.table());
                }
            }
            case BROADCAST -> {
                for (String ds : rules.dataSources()) out.put(ds, new ArrayList<>(List.of(logical)));
            }
            default -> out.put(rules.unshardedDataSource(logical), new ArrayList<>(List.of(logical)));
        }
        return out;
    }

    /** The first physical table of {@code logical}: all of them have its definition. */
    static DataNode first(ShardingRules rules, String logical) {
        Map.Entry<String, List<String>> e = of(rules, logical).entrySet().iterator().next();
        return new DataNode(e.getKey(), e.getValue().get(0));
    }

    /** A name quoted for MariaDB. */
    static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
