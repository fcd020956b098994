package io.dbmesh.sharding.rule;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbmesh.sharding.algorithm.ShardFunction;
import io.dbmesh.sharding.algorithm.ShardFunctions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Binds and validates the {@code sharding:} section of a logical database (a Jackson tree handed
 * over by the config loader). Layout (snake_case like the rest of the config):
 * <pre>
 * sharding:
 *   default_data_source: ds_0          # tables not named below live here (default: the database's data_source)
 *   key_generator: {worker_id: 7}      # snowflake worker 0..1023 (default: env DBMESH_WORKER_ID, else 0)
 *   tables:
 *     t_order:
 *       key: user_id                   # the shard key column
 *       nodes: ds_[0..1].t_order_[0..1]   # or a list of such; or tables_per_data_source: 2 (+ data_sources: [..])
 *       database: mod                  # picks the data source …
 *       table: {algorithm: expression, expression: "user_id / 2 % 2"}   # … then the table on it
 *       # or instead of database/table, one flat function over all nodes:  algorithm: hash_mod
 *       generated_key: order_id        # filled by the snowflake generator when an INSERT omits it
 *   binding: [[t_user, t_order, t_order_item]]
 *   broadcast: [t_region]
 *   single: {t_config: ds_0}
 *   schema:                            # DDL run at start through the planner (fans out like client DDL)
 *     - CREATE TABLE IF NOT EXISTS t_order (order_id BIGINT PRIMARY KEY, user_id BIGINT, …)
 * </pre>
 * Every problem is a {@link RuleException} naming the key path.
 */
public final class ShardingRulesBinder {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_$]{1,64}");
    private static final Set<String> TOP_KEYS = Set.of("default_data_source", "key_generator", "tables", "binding", "broadcast", "single",
            "schema", "federation");
    private static final Set<String> TABLE_KEYS = Set.of("key", "nodes", "tables_per_data_source", "data_sources",
            "algorithm", "database", "table", "generated_key");

    private final ShardFunctions functions;
    private final Function<String, String> environment;

    /** @param environment looks up environment variables (DBMESH_WORKER_ID); tests pass a map */
    public ShardingRulesBinder(ShardFunctions functions, Function<String, String> environment) {
        this.functions = functions;
        this.environment = environment;
    }

    public static ShardingRulesBinder standard() {
        return new ShardingRulesBinder(new ShardFunctions(ShardingRulesBinder.class.getClassLoader()), System::getenv);
    }

    /**
     * @param database          the logical database name
     * @param knownDataSources  data sources defined in the config, in order
     * @param databaseDataSource the database's own {@code data_source}, or null
     */
    public ShardingRules bind(String database, JsonNode node, List<String> knownDataSources, String databaseDataSource) {
        List<String> root = List.of();
        if (node == null || !node.isObject()) throw new RuleException(root, "must be a mapping");
        rejectUnknown(node, TOP_KEYS, root);

        Map<String, ShardedTable> sharded = new LinkedHashMap<>();
        Set<String> used = new LinkedHashSet<>();
        JsonNode tables = node.get("tables");
        if (tables != null && !tables.isNull()) {
            if (!tables.isObject()) throw new RuleException(List.of("tables"), "must be a mapping of table name to rule");
            for (Iterator<Map.Entry<String, JsonNode>> it = tables.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                ShardedTable t = table(e.getKey(), e.getValue(), knownDataSources);
                if (sharded.put(ShardingRules.key(t.name()), t) != null) {
                    throw new RuleException(List.of("tables", e.getKey()), "table is defined twice (names are case-insensitive)");
                }
                used.addAll(t.strategy().dataSources());
            }
        }
        checkNoSharedPhysicalTables(sharded);

        Set<String> broadcast = new LinkedHashSet<>();
        for (String t : stringList(node.get("broadcast"), List.of("broadcast"))) {
            identifier(t, List.of("broadcast"));
            if (sharded.containsKey(ShardingRules.key(t))) throw new RuleException(List.of("broadcast"), "table '" + t + "' is also sharded");
            if (!broadcast.add(ShardingRules.key(t))) throw new RuleException(List.of("broadcast"), "table '" + t + "' is listed twice");
        }

        Map<String, String> single = new LinkedHashMap<>();
        JsonNode singleNode = node.get("single");
        if (singleNode != null && !singleNode.isNull()) {
            if (!singleNode.isObject()) throw new RuleException(List.of("single"), "must be a mapping of table name to data source");
            for (Iterator<Map.Entry<String, JsonNode>> it = singleNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                List<String> path = List.of("single", e.getKey());
                String k = ShardingRules.key(e.getKey());
                if (sharded.containsKey(k) || broadcast.contains(k)) throw new RuleException(path, "table '" + e.getKey() + "' is also sharded or broadcast");
                String ds = text(e.getValue(), path);
                knownDataSource(ds, knownDataSources, path);
                single.put(k, ds);
                used.add(ds);
            }
        }

        String defaultDs = node.hasNonNull("default_data_source") ? text(node.get("default_data_source"), List.of("default_data_source")) : databaseDataSource;
        if (defaultDs == null) {
            if (used.isEmpty()) throw new RuleException(root, "names no data source: give default_data_source or some tables");
            defaultDs = used.iterator().next();
        }
        knownDataSource(defaultDs, knownDataSources, List.of("default_data_source"));

        List<String> dataSources = new ArrayList<>();
        dataSources.add(defaultDs);
        for (String ds : used) if (!dataSources.contains(ds)) dataSources.add(ds);
        // keep config order, which users read in EXPLAIN ROUTE
        dataSources.sort(java.util.Comparator.comparingInt(knownDataSources::indexOf));

        List<Set<String>> binding = bindingGroups(node.get("binding"), sharded);
        int workerId = workerId(node.get("key_generator"));
        List<String> schema = stringList(node.get("schema"), List.of("schema"));
        return new ShardingRules(database, dataSources, defaultDs, sharded, broadcast, single, binding, workerId, schema,
                federationPlanCache(node.get("federation")));
    }

    private ShardedTable table(String name, JsonNode node, List<String> knownDataSources) {
        List<String> path = List.of("tables", name);
        identifier(name, path);
        if (!node.isObject()) throw new RuleException(path, "must be a mapping with key, nodes and algorithms");
        rejectUnknown(node, TABLE_KEYS, path);
        if (!node.hasNonNull("key")) throw new RuleException(path, "the shard key column 'key' is missing");
        String key = text(node.get("key"), child(path, "key"));
        identifier(key, child(path, "key"));

        List<DataNode> nodes = nodes(name, node, path, knownDataSources);
        ShardingStrategy strategy;
        boolean flat = node.has("algorithm");
        boolean twoLevel = node.has("database") || node.has("table");
        if (flat && twoLevel) throw new RuleException(path, "give either 'algorithm' (over all nodes) or 'database' and 'table', not both");
        if (flat) {
            strategy = ShardingStrategy.flat(nodes, function(node.get("algorithm"), child(path, "algorithm"), key));
        } else if (twoLevel) {
            if (!node.has("database") || !node.has("table")) {
                throw new RuleException(path, "'database' and 'table' algorithms go together (or use one 'algorithm' over all nodes)");
            }
            strategy = ShardingStrategy.twoLevel(nodes, function(node.get("database"), child(path, "database"), key),
                    function(node.get("table"), child(path, "table"), key));
        } else {
            throw new RuleException(path, "no algorithm: give 'algorithm' (e.g. hash_mod) or 'database' and 'table'");
        }
        String problem = strategy.check();
        if (problem != null) throw new RuleException(path, problem);
        String generated = node.hasNonNull("generated_key") ? text(node.get("generated_key"), child(path, "generated_key")) : null;
        if (generated != null) identifier(generated, child(path, "generated_key"));
        return new ShardedTable(name, key, strategy, generated);
    }

    private List<DataNode> nodes(String table, JsonNode node, List<String> path, List<String> knownDataSources) {
        List<DataNode> nodes = new ArrayList<>();
        if (node.has("nodes")) {
            if (node.has("tables_per_data_source")) throw new RuleException(path, "give 'nodes' or 'tables_per_data_source', not both");
            List<String> p = child(path, "nodes");
            List<String> notations = node.get("nodes").isArray() ? stringList(node.get("nodes"), p) : List.of(text(node.get("nodes"), p));
            for (String n : notations) {
                try {
                    nodes.addAll(DataNodeNotation.expand(n));
                } catch (IllegalArgumentException e) {
                    throw new RuleException(p, e.getMessage());
                }
            }
        } else if (node.has("tables_per_data_source")) {
            List<String> p = child(path, "tables_per_data_source");
            JsonNode count = node.get("tables_per_data_source");
            if (!count.canConvertToInt() || count.asInt() < 1 || count.asInt() > 4096) throw new RuleException(p, "must be an integer from 1 to 4096");
            List<String> dataSources = node.has("data_sources") ? stringList(node.get("data_sources"), child(path, "data_sources")) : knownDataSources;
            for (String ds : dataSources) {
                for (int i = 0; i < count.asInt(); i++) nodes.add(new DataNode(ds, count.asInt() == 1 ? table : table + "_" + i));
            }
        } else {
            throw new RuleException(path, "no data nodes: give 'nodes' (e.g. ds_[0..1]." + table + "_[0..1]) or 'tables_per_data_source'");
        }
        Set<DataNode> seen = new java.util.HashSet<>();
        for (DataNode n : nodes) {
            knownDataSource(n.dataSource(), knownDataSources, child(path, "nodes"));
            identifier(n.table(), child(path, "nodes"));
            if (!seen.add(n)) throw new RuleException(child(path, "nodes"), "data node " + n + " is listed twice");
        }
        return nodes;
    }

    private ShardFunction function(JsonNode node, List<String> path, String keyColumn) {
        String name;
        Map<String, String> props = new HashMap<>();
        if (node.isTextual()) {
            name = node.asText();
        } else if (node.isObject()) {
            if (!node.hasNonNull("algorithm")) throw new RuleException(path, "'algorithm' (the function name) is missing");
            name = text(node.get("algorithm"), child(path, "algorithm"));
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("algorithm")) continue;
                JsonNode v = e.getValue();
                props.put(e.getKey(), v.isArray() ? String.join(",", stringList(v, child(path, e.getKey()))) : v.asText());
            }
        } else {
            throw new RuleException(path, "must be an algorithm name (mod, hash_mod, …) or a mapping with 'algorithm'");
        }
        try {
            return functions.create(name.trim(), props, keyColumn);
        } catch (IllegalArgumentException e) {
            throw new RuleException(path, e.getMessage());
        }
    }

    private static void checkNoSharedPhysicalTables(Map<String, ShardedTable> sharded) {
        Map<DataNode, String> owner = new HashMap<>();
        for (ShardedTable t : sharded.values()) {
            for (DataNode n : t.strategy().nodes()) {
                DataNode k = new DataNode(n.dataSource(), ShardingRules.key(n.table()));
                String other = owner.putIfAbsent(k, t.name());
                if (other != null) {
                    throw new RuleException(List.of("tables", t.name(), "nodes"), "physical table " + n + " also belongs to " + other);
                }
            }
        }
    }

    private static List<Set<String>> bindingGroups(JsonNode node, Map<String, ShardedTable> sharded) {
        List<Set<String>> out = new ArrayList<>();
        if (node == null || node.isNull()) return out;
        if (!node.isArray()) throw new RuleException(List.of("binding"), "must be a list of table lists, e.g. [[t_user, t_order]]");
        Map<String, Integer> groupOf = new HashMap<>();
        for (int i = 0; i < node.size(); i++) {
            List<String> path = List.of("binding", Integer.toString(i));
            Set<String> group = new LinkedHashSet<>();
            ShardedTable first = null;
            for (String t : stringList(node.get(i), path)) {
                ShardedTable st = sharded.get(ShardingRules.key(t));
                if (st == null) throw new RuleException(path, "'" + t + "' is not a sharded table: only sharded tables can be bound");
                if (groupOf.putIfAbsent(ShardingRules.key(t), i) != null) throw new RuleException(path, "'" + t + "' is in two binding groups");
                if (first == null) first = st;
                else if (!first.strategy().sameShape(st.strategy())) {
                    throw new RuleException(path, "'" + t + "' cannot be bound to '" + first.name()
                            + "': bound tables need the same data sources, node count and algorithms ("
                            + st.strategy().describe() + " vs " + first.strategy().describe() + ")");
                }
                group.add(ShardingRules.key(t));
            }
            if (group.size() < 2) throw new RuleException(path, "a binding group needs at least two tables");
            out.add(Set.copyOf(group));
        }
        return out;
    }

    /** {@code federation: {plan_cache_size: n}}: compiled federated statements kept (0..100000). */
    private static int federationPlanCache(JsonNode node) {
        if (node == null || node.isNull()) return ShardingRules.DEFAULT_FEDERATION_PLAN_CACHE;
        List<String> path = List.of("federation");
        if (!node.isObject()) throw new RuleException(path, "must be a mapping, e.g. {plan_cache_size: 128}");
        rejectUnknown(node, Set.of("plan_cache_size"), path);
        JsonNode size = node.get("plan_cache_size");
        if (size == null || size.isNull()) return ShardingRules.DEFAULT_FEDERATION_PLAN_CACHE;
        String text = size.asText().trim(); // a number, or text from ${ENV:default}
        if (!text.matches("\\d{1,6}") || Integer.parseInt(text) > 100_000) {
            throw new RuleException(List.of("federation", "plan_cache_size"), "must be a whole number from 0 to 100000, got '" + text + "'");
        }
        return Integer.parseInt(text);
    }

    private int workerId(JsonNode node) {
        List<String> path = List.of("key_generator", "worker_id");
        String text = null;
        if (node != null && !node.isNull()) {
            if (!node.isObject()) throw new RuleException(List.of("key_generator"), "must be a mapping, e.g. {worker_id: 1}");
            rejectUnknown(node, Set.of("worker_id"), List.of("key_generator"));
            if (node.hasNonNull("worker_id")) text = node.get("worker_id").asText();
        }
        if (text == null) text = environment.apply("DBMESH_WORKER_ID");
        if (text == null || text.isBlank()) return 0;
        try {
            int id = Integer.parseInt(text.trim());
            if (id < 0 || id > 1023) throw new NumberFormatException();
            return id;
        } catch (NumberFormatException e) {
            throw new RuleException(path, "worker id '" + text + "' must be an integer from 0 to 1023");
        }
    }

    private static void knownDataSource(String ds, List<String> known, List<String> path) {
        if (!known.contains(ds)) {
            throw new RuleException(path, "unknown data source '" + ds + "' (defined: " + String.join(", ", known) + ")");
        }
    }

    private static void identifier(String name, List<String> path) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new RuleException(path, "'" + name + "' is not a valid table/column name (letters, digits, _ and $, at most 64)");
        }
    }

    private static void rejectUnknown(JsonNode node, Set<String> known, List<String> path) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k)) {
                throw new RuleException(child(path, k), "unknown key '" + k + "' (known: " + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            }
        }
    }

    private static String text(JsonNode node, List<String> path) {
        if (node == null || !node.isValueNode() || node.isNull() || node.asText().isBlank()) throw new RuleException(path, "must be a non-empty text value");
        return node.asText().trim();
    }

    private static List<String> stringList(JsonNode node, List<String> path) {
        if (node == null || node.isNull()) return List.of();
        if (!node.isArray()) throw new RuleException(path, "must be a list");
        List<String> out = new ArrayList<>();
        for (JsonNode n : node) out.add(text(n, path));
        return out;
    }

    private static List<String> child(List<String> path, String key) {
        List<String> out = new ArrayList<>(path);
        out.add(key);
        return out;
    }
}
