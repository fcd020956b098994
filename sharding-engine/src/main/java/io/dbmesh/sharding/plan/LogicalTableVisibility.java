package io.dbmesh.sharding.plan;

import io.dbmesh.sharding.rule.DataNode;
import io.dbmesh.sharding.rule.ShardedTable;
import io.dbmesh.sharding.rule.ShardingRules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which physical table stands for each logical table in metadata answers, so every logical table
 * appears exactly once: a sharded table's first data node, a broadcast table's copy on the default
 * data source, a single table on its data source; tables the rules do not name, as found on the
 * default data source. Per data source it gives an SQL expression renaming TABLE_NAME to the
 * logical name and a condition keeping only the tables that data source shows.
 */
final class LogicalTableVisibility {
    private final ShardingRules rules;
    final Map<String, Map<String, String>> shown = new LinkedHashMap<>();   // ds → physical → logical
    final Map<String, Set<String>> configured = new LinkedHashMap<>();      // ds → physical names of configured tables

    LogicalTableVisibility(ShardingRules rules) {
        this.rules = rules;
        for (String ds : rules.dataSources()) {
            shown.put(ds, new LinkedHashMap<>());
            configured.put(ds, new LinkedHashSet<>());
        }
        for (ShardedTable t : rules.sharded().values()) {
            List<DataNode> nodes = t.strategy().nodes();
            shown.get(nodes.get(0).dataSource()).put(nodes.get(0).table(), t.name());
            for (DataNode n : nodes) configured.get(n.dataSource()).add(n.table());
        }
        for (String b : rules.broadcast()) {
            shown.get(rules.defaultDataSource()).put(b, b);
            for (String ds : rules.dataSources()) configured.get(ds).add(b);
        }
        for (Map.Entry<String, String> s : rules.single().entrySet()) {
            shown.get(s.getValue()).put(s.getKey(), s.getKey());
            configured.get(s.getValue()).add(s.getKey());
        }
    }

    /** Data sources that show at least one table (the default one always: it shows unconfigured tables). */
    List<String> dataSources() {
        List<String> out = new ArrayList<>();
        for (String ds : rules.dataSources()) if (ds.equals(rules.defaultDataSource()) || !shown.get(ds).isEmpty()) out.add(ds);
        return out;
    }

    /** TABLE_NAME (of {@code column}) renamed to the logical name on {@code ds}. */
    String logicalName(String ds, String column) {
        Map<String, String> names = shown.get(ds);
        if (names.entrySet().stream().allMatch(e -> e.getKey().equals(e.getValue()))) return column;
        StringBuilder expr = new StringBuilder("CASE ").append(column);
        names.forEach((p, l) -> {
            if (!p.equals(l)) expr.append(" WHEN ").append(quote(p)).append(" THEN ").append(quote(l));
        });
        return expr.append(" ELSE ").append(column).append(" END").toString();
    }

    /** The condition on TABLE_NAME (of {@code column}) that keeps the tables {@code ds} shows; empty when all. */
    String filter(String ds, String column) {
        Map<String, String> names = shown.get(ds);
        if (ds.equals(rules.defaultDataSource())) {
            Set<String> hidden = new LinkedHashSet<>(configured.get(ds));
            hidden.removeAll(names.keySet());
            return hidden.isEmpty() ? "" : " AND " + column + " NOT IN (" + list(hidden) + ")";
        }
        return " AND " + column + " IN (" + list(names.keySet()) + ")";
    }

    private static String list(Set<String> names) {
        List<String> q = new ArrayList<>();
        for (String n : names) q.add(quote(n));
        return String.join(", ", q);
    }

    static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
