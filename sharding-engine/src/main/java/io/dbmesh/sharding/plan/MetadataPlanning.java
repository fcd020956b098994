package io.dbmesh.sharding.plan;

import io.dbmesh.sharding.merge.SortKey;

import io.dbmesh.sharding.ShardingException;
import io.dbmesh.sharding.rewrite.TableNames;
import io.dbmesh.sharding.route.RouteOpcode;
import io.dbmesh.sharding.rule.DataNode;
import io.dbmesh.sharding.rule.ShardedTable;
import io.dbmesh.sharding.rule.ShardingRules;
import io.dbmesh.sharding.rule.TableKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Metadata statements answered in logical terms. SHOW TABLES lists each logical table once: every
 * data source reports, through information_schema, the tables it is the first home of, already
 * renamed to logical names, and the lists are merged in name order. Per-table statements (SHOW
 * COLUMNS, DESCRIBE, SHOW INDEX, SHOW CREATE TABLE) run on the table's first physical table; where
 * the answer names the table it is renamed back.
 */
final class MetadataPlanning {
    private static final String IDENT = "(?:`[^`]+`|[\\w$]+)";
    private static final String QUALIFIED = "(" + IDENT + "(?:\\." + IDENT + ")?)";
    private static final Pattern SHOW_TABLES = Pattern.compile(
            "(?is)SHOW\\s+(FULL\\s+)?TABLES(?:\\s+(?:FROM|IN)\\s+(" + IDENT + "))?(?:\\s+LIKE\\s+('(?:[^'\\\\]|\\\\.|'')*'))?(\\s+WHERE\\s+.*)?");
    private static final Pattern SHOW_COLUMNS = Pattern.compile(
            "(?is)(SHOW\\s+(?:FULL\\s+)?(?:COLUMNS|FIELDS)\\s+(?:FROM|IN)\\s+)" + QUALIFIED + "(?:\\s+(?:FROM|IN)\\s+(" + IDENT + "))?(.*)");
    private static final Pattern SHOW_INDEX = Pattern.compile(
            "(?is)(SHOW\\s+(?:INDEX|INDEXES|KEYS)\\s+(?:FROM|IN)\\s+)" + QUALIFIED + "(?:\\s+(?:FROM|IN)\\s+(" + IDENT + "))?(.*)");
    private static final Pattern SHOW_CREATE = Pattern.compile("(?is)(SHOW\\s+CREATE\\s+TABLE\\s+)" + QUALIFIED + "\\s*");
    private static final Pattern DESCRIBE = Pattern.compile("(?is)((?:DESCRIBE|DESC|EXPLAIN)\\s+)" + QUALIFIED + "(\\s+[^\\s].*)?");
    private static final Set<String> EXPLAINABLE = Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "REPLACE", "WITH", "FORMAT",
            "EXTENDED", "PARTITIONS", "ANALYZE", "ROUTE", "(");

    private MetadataPlanning() {
    }

    /** A plan for a metadata statement, or null when {@code sql} is not one. */
    static PlanTemplate plan(String sql, ShardingRules rules) throws ShardingException {
        Matcher m;
        if ((m = SHOW_TABLES.matcher(sql)).matches()) return showTables(sql, m, rules);
        if ((m = SHOW_COLUMNS.matcher(sql)).matches()) return perTable(sql, m.group(1), m.group(2), m.group(3), m.group(4), rules, -1, -1);
        if ((m = SHOW_INDEX.matcher(sql)).matches()) return perTable(sql, m.group(1), m.group(2), m.group(3), m.group(4), rules, 0, -1);
        if ((m = SHOW_CREATE.matcher(sql)).matches()) return perTable(sql, m.group(1), m.group(2), null, "", rules, 0, 1);
        if ((m = DESCRIBE.matcher(sql)).matches()) {
            String first = m.group(2).toUpperCase(Locale.ROOT);
            if (EXPLAINABLE.contains(first)) return null;
            return perTable(sql, m.group(1), m.group(2), null, m.group(3) == null ? "" : m.group(3), rules, -1, -1);
        }
        return null;
    }

    private static PlanTemplate perTable(String sql, String prefix, String qualified, String fromDb, String rest,
                                         ShardingRules rules, int nameColumn, int textColumn) {
        String db = null, table = qualified;
        int dot = dotOutsideQuotes(qualified);
        if (dot > 0) {
            db = TableNames.unquote(qualified.substring(0, dot));
            table = qualified.substring(dot + 1);
        }
        if (fromDb != null) db = TableNames.unquote(fromDb);
        String logical = TableNames.unquote(table);
        if (db != null && !db.equalsIgnoreCase(rules.database())) {
            return Routes.single(RouteOpcode.UNSHARDED, List.of(), rules.defaultDataSource(), sql, 0, true); // another schema: as written
        }
        TableKind kind = rules.kind(logical);
        String ds;
        String physical;
        if (kind == TableKind.SHARDED) {
            DataNode first = rules.shardedTable(logical).orElseThrow().strategy().nodes().get(0);
            ds = first.dataSource();
            physical = first.table();
        } else {
            ds = kind == TableKind.BROADCAST ? rules.defaultDataSource() : rules.unshardedDataSource(logical);
            physical = logical;
        }
        String physicalSql = prefix + "`" + physical + "`" + (rest == null ? "" : rest);
        List<String> tables = List.of(logical);
        RouteOpcode op = kind == TableKind.SHARDED ? RouteOpcode.EQUAL : kind == TableKind.BROADCAST ? RouteOpcode.REFERENCE : RouteOpcode.UNSHARDED;
        if (nameColumn < 0 || physical.equals(logical)) return Routes.single(op, tables, ds, physicalSql, 0, true);
        return PlanTemplate.fixed(0, params -> new LogicalTableNames(
                new Route(op, tables, List.of(new io.dbmesh.sharding.PhysicalStatement(ds, physicalSql, params)), true),
                nameColumn, textColumn, Map.of(physical, logical), Set.of()));
    }

    private static int dotOutsideQuotes(String s) {
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '`') quoted = !quoted;
            else if (c == '.' && !quoted) return i;
        }
        return -1;
    }

    private static PlanTemplate showTables(String sql, Matcher m, ShardingRules rules) throws ShardingException {
        boolean full = m.group(1) != null;
        String db = m.group(2) == null ? null : TableNames.unquote(m.group(2));
        String like = m.group(3);
        if (m.group(4) != null) throw ShardingException.notSupported("SHOW TABLES … WHERE on a sharded database (use LIKE)");
        if (db != null && !db.equalsIgnoreCase(rules.database())) {
            return Routes.single(RouteOpcode.UNSHARDED, List.of(), rules.defaultDataSource(), sql, 0, true);
        }
        LogicalTableVisibility visibility = new LogicalTableVisibility(rules);
        String column = "Tables_in_" + rules.database();
        List<String[]> statements = new ArrayList<>();
        for (String ds : visibility.dataSources()) {
            String expr = visibility.logicalName(ds, "TABLE_NAME");
            StringBuilder q = new StringBuilder("SELECT ").append(expr).append(" AS `").append(column).append('`');
            if (full) q.append(", TABLE_TYPE AS `Table_type`");
            q.append(" FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()").append(visibility.filter(ds, "TABLE_NAME"));
            if (like != null) q.append(" AND ").append(expr).append(" LIKE ").append(like);
            q.append(" ORDER BY 1");
            statements.add(new String[]{ds, q.toString()});
        }
        PlanTemplate route = Routes.fanOut(statements.size() == 1 ? RouteOpcode.UNSHARDED : RouteOpcode.SCATTER,
                List.of(), statements, 0, true);
        if (statements.size() == 1) return route;
        return PlanTemplate.fixed(0, params -> {
            try {
                return new MergeSort(route.bind(params), List.of(new SortKey(0, false)));
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static String list(Set<String> names) {
        List<String> q = new ArrayList<>();
        for (String n : names) q.add(quote(n));
        return String.join(", ", q);
    }

    private static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
