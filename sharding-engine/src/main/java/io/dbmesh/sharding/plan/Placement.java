package io.dbmesh.sharding.plan;

import io.dbmesh.sharding.rule.ShardedTable;
import io.dbmesh.sharding.rule.ShardingRules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the tables of one statement live: its sharded tables (the first one drives routing),
 * broadcast tables, and the data sources of its unsharded (single or default) tables.
 */
final class Placement {
    final ShardingRules rules;
    final List<ShardedTable> sharded = new ArrayList<>();
    final List<String> broadcast = new ArrayList<>();
    final List<String> unsharded = new ArrayList<>();
    final Set<String> unshardedDataSources = new LinkedHashSet<>();

    private Placement(ShardingRules rules) {
        this.rules = rules;
    }

    static Placement of(ShardingRules rules, Set<String> tableNames) {
        Placement p = new Placement(rules);
        for (String t : tableNames) {
            switch (rules.kind(t)) {
                case SHARDED -> p.sharded.add(rules.shardedTable(t).orElseThrow());
                case BROADCAST -> p.broadcast.add(t);
                case SINGLE, DEFAULT -> {
                    p.unsharded.add(t);
                    p.unshardedDataSources.add(rules.unshardedDataSource(t));
                }
            }
        }
        return p;
    }

    ShardedTable driving() {
        return sharded.get(0);
    }

    /** Every sharded table of the statement is bound to the driving one. */
    boolean allBound() {
        for (ShardedTable t : sharded) if (!rules.bound(driving().name(), t.name())) return false;
        return true;
    }

    /** Logical (lower-case) → physical table names at node index {@code node} of the driving table. */
    Map<String, String> physical(int node) {
        Map<String, String> m = new HashMap<>();
        for (ShardedTable t : sharded) m.put(t.name().toLowerCase(java.util.Locale.ROOT), t.strategy().nodes().get(node).table());
        return m;
    }

    String dataSource(int node) {
        return driving().strategy().nodes().get(node).dataSource();
    }

    List<String> logicalNames() {
        List<String> out = new ArrayList<>();
        for (ShardedTable t : sharded) out.add(t.name());
        out.addAll(broadcast);
        out.addAll(unsharded);
        return out;
    }
}
