package io.dbmesh.sharding.rule;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The sharding rules of one logical database, validated and immutable. Table names are looked up
 * case-insensitively. Built by {@link ShardingRulesBinder}.
 *
 * @param dataSources       every data source the database uses, in config order
 * @param defaultDataSource where tables not named in the rules live (and where metadata queries go)
 * @param sharded           by lower-case logical name
 * @param broadcast         lower-case names of tables copied on every data source
 * @param single            lower-case name → data source
 * @param bindingGroups     sets of lower-case names whose rows with equal keys live on the same node index
 * @param workerId          snowflake worker id for generated keys
 * @param schema            DDL run through the planner when the sidecar starts (CREATE TABLE IF NOT
 *                          EXISTS … of the logical tables: each fans out to the physical tables);
 *                          missing physical databases are created by the sidecar's start-up anyway
 * @param federationPlanCache compiled federated statement shapes kept for their next execution
 *                          ({@code federation: {plan_cache_size: n}}; 0 = none)
 */
public record ShardingRules(String database, List<String> dataSources, String defaultDataSource,
                            Map<String, ShardedTable> sharded, Set<String> broadcast, Map<String, String> single,
                            List<Set<String>> bindingGroups, int workerId, List<String> schema, int federationPlanCache) {

    /** Default of {@code federation.plan_cache_size}. */
    public static final int DEFAULT_FEDERATION_PLAN_CACHE = 128;

    public ShardingRules(String database, List<String> dataSources, String defaultDataSource,
                         Map<String, ShardedTable> sharded, Set<String> broadcast, Map<String, String> single,
                         List<Set<String>> bindingGroups, int workerId, List<String> schema) {
        this(database, dataSources, defaultDataSource, sharded, broadcast, single, bindingGroups, workerId, schema,
                DEFAULT_FEDERATION_PLAN_CACHE);
    }

    public ShardingRules(String database, List<String> dataSources, String defaultDataSource,
                         Map<String, ShardedTable> sharded, Set<String> broadcast, Map<String, String> single,
                         List<Set<String>> bindingGroups, int workerId) {
        this(database, dataSources, defaultDataSource, sharded, broadcast, single, bindingGroups, workerId, List.of());
    }

    public ShardingRules {
        dataSources = List.copyOf(dataSources);
        // insertion-ordered copies: config order shows in SHOW TABLES and plans, run after run
        sharded = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sharded));
        broadcast = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(broadcast));
        single = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(single));
        bindingGroups = List.copyOf(bindingGroups);
        schema = List.copyOf(schema);
    }

    static String key(String table) {
        return table.toLowerCase(Locale.ROOT);
    }

    public TableKind kind(String table) {
        String k = key(table);
        if (sharded.containsKey(k)) return TableKind.SHARDED;
        if (broadcast.contains(k)) return TableKind.BROADCAST;
        if (single.containsKey(k)) return TableKind.SINGLE;
        return TableKind.DEFAULT;
    }

    public Optional<ShardedTable> shardedTable(String table) {
        return Optional.ofNullable(sharded.get(key(table)));
    }

    /** The data source of a SINGLE or DEFAULT table. */
    public String unshardedDataSource(String table) {
        return single.getOrDefault(key(table), defaultDataSource);
    }

    /** Whether two sharded tables are bound (equal keys on equal node indexes), so a join of them on the key stays on each node. */
    public boolean bound(String a, String b) {
        String ka = key(a), kb = key(b);
        if (ka.equals(kb)) return true;
        for (Set<String> g : bindingGroups) if (g.contains(ka) && g.contains(kb)) return true;
        return false;
    }
}
