package io.dbmesh.sharding.rule;

import io.dbmesh.sharding.ShardingException;
import io.dbmesh.sharding.algorithm.KeyRange;
import io.dbmesh.sharding.algorithm.ShardFunction;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a sharded table's rows live, given the shard key. Two shapes:
 * <ul>
 *   <li><b>two-level</b> (a {@code database} and a {@code table} function): the database function
 *       picks one of the table's data sources (in the order the data nodes name them), the table
 *       function one of that data source's tables;</li>
 *   <li><b>flat</b> (one {@code algorithm}): the function picks one of all data nodes in order.</li>
 * </ul>
 * A NULL key always goes to the first node of the first data source (a row must live somewhere; an
 * equality with NULL matches nothing anyway).
 */
public final class ShardingStrategy {
    private final List<DataNode> nodes;
    private final List<String> dataSources;
    private final Map<String, List<DataNode>> tablesByDataSource;
    private final ShardFunction databaseFunction; // null when flat
    private final ShardFunction tableFunction;

    private ShardingStrategy(List<DataNode> nodes, ShardFunction databaseFunction, ShardFunction tableFunction) {
        this.nodes = List.copyOf(nodes);
        Map<String, List<DataNode>> byDs = new LinkedHashMap<>();
        for (DataNode n : nodes) byDs.computeIfAbsent(n.dataSource(), k -> new ArrayList<>()).add(n);
        byDs.replaceAll((k, v) -> List.copyOf(v));
        this.tablesByDataSource = byDs;
        this.dataSources = List.copyOf(byDs.keySet());
        this.databaseFunction = databaseFunction;
        this.tableFunction = tableFunction;
    }

    public static ShardingStrategy flat(List<DataNode> nodes, ShardFunction function) {
        return new ShardingStrategy(nodes, null, function);
    }

    public static ShardingStrategy twoLevel(List<DataNode> nodes, ShardFunction databaseFunction, ShardFunction tableFunction) {
        return new ShardingStrategy(nodes, databaseFunction, tableFunction);
    }

    public List<DataNode> nodes() {
        return nodes;
    }

    public List<String> dataSources() {
        return dataSources;
    }

    public boolean twoLevel() {
        return databaseFunction != null;
    }

    /** Checks shapes at load: every data source has the same number of tables, functions fit their counts. */
    String check() {
        if (databaseFunction == null) return tableFunction.checkShardCount(nodes.size());
        int perDs = tablesByDataSource.get(dataSources.get(0)).size();
        for (Map.Entry<String, List<DataNode>> e : tablesByDataSource.entrySet()) {
            if (e.getValue().size() != perDs) {
                return "data source " + e.getKey() + " has " + e.getValue().size() + " tables but "
                        + dataSources.get(0) + " has " + perDs + ": a database + table algorithm needs the same number on each";
            }
        }
        String p = databaseFunction.checkShardCount(dataSources.size());
        return p != null ? "database algorithm: " + p : tableFunction.checkShardCount(perDs) == null ? null
                : "table algorithm: " + tableFunction.checkShardCount(perDs);
    }

    /** Index into {@link #nodes()} of the node holding {@code key}. */
    public int nodeIndex(Object key) throws ShardingException {
        if (key == null) return 0;
        if (databaseFunction == null) return tableFunction.shard(key, nodes.size());
        int perDs = nodes.size() / dataSources.size();
        int ds = databaseFunction.shard(key, dataSources.size());
        int table = tableFunction.shard(key, perDs);
        return ds * perDs + table;
    }

    public DataNode node(Object key) throws ShardingException {
        return nodes.get(nodeIndex(key));
    }

    /** Indexes of the nodes that may hold keys in {@code range}. */
    public BitSet nodeIndexes(KeyRange range) throws ShardingException {
        if (databaseFunction == null) return tableFunction.shards(range, nodes.size());
        int perDs = nodes.size() / dataSources.size();
        BitSet ds = databaseFunction.shards(range, dataSources.size());
        BitSet tables = tableFunction.shards(range, perDs);
        BitSet out = new BitSet(nodes.size());
        for (int d = ds.nextSetBit(0); d >= 0; d = ds.nextSetBit(d + 1)) {
            for (int t = tables.nextSetBit(0); t >= 0; t = tables.nextSetBit(t + 1)) out.set(d * perDs + t);
        }
        return out;
    }

    /** Two strategies place equal keys at equal node indexes on the same data sources (the condition for binding tables). */
    boolean sameShape(ShardingStrategy other) {
        if (nodes.size() != other.nodes.size() || !describe().equals(other.describe())) return false;
        for (int i = 0; i < nodes.size(); i++) {
            if (!nodes.get(i).dataSource().equals(other.nodes.get(i).dataSource())) return false;
        }
        return true;
    }

    public String describe() {
        return databaseFunction == null ? tableFunction.describe()
                : "database " + databaseFunction.describe() + ", table " + tableFunction.describe();
    }
}
