package io.dbmesh.sharding.plan;

import io.dbmesh.core.sql.BlankedSql;
import io.dbmesh.sharding.ShardingException;
import io.dbmesh.sharding.rewrite.SqlTemplate;
import io.dbmesh.sharding.rewrite.TableNames;
import io.dbmesh.sharding.route.RouteOpcode;
import io.dbmesh.sharding.rule.ShardedTable;
import io.dbmesh.sharding.rule.ShardingRules;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.create.table.CreateTable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Plans CREATE/ALTER/DROP/TRUNCATE TABLE and CREATE/DROP INDEX. On a sharded logical table the
 * statement runs once per physical table (with tables it references that are bound to it mapped to
 * the same node); on a broadcast table once per data source; otherwise on the table's data source.
 */
final class DdlPlanning {
    private DdlPlanning() {
    }

    static PlanTemplate plan(String sql, Statement st, ShardingRules rules, int parameterCount) throws ShardingException {
        TableNames names = TableNames.of(st);
        names.checkSchemas(rules);
        Placement placement = Placement.of(rules, names.names());
        if (placement.sharded.isEmpty()) {
            if (!placement.broadcast.isEmpty()) {
                if (!placement.unsharded.isEmpty()) {
                    throw ShardingException.notSupported("DDL mixing broadcast table " + placement.broadcast.get(0)
                            + " and unsharded table " + placement.unsharded.get(0));
                }
                names.markHoles(rules);
                String physical = SqlTemplate.parse(st.toString()).render(Map.of(), null);
                List<String[]> all = new ArrayList<>();
                for (String ds : rules.dataSources()) all.add(new String[]{ds, physical});
                return Routes.fanOut(RouteOpcode.BROADCAST, placement.logicalNames(), all, parameterCount, false);
            }
            return SelectPlanning.unsharded(sql, st, names, placement, rules, parameterCount, false);
        }
        ShardedTable table = placement.driving();
        if (!placement.unsharded.isEmpty() || !placement.allBound()) {
            throw ShardingException.notSupported("DDL on sharded table " + table.name() + " referencing tables on other shards");
        }
        if (st instanceof CreateTable ct && (ct.getSelect() != null || ct.getLikeTable() != null)) {
            throw ShardingException.notSupported("CREATE TABLE … SELECT / LIKE for sharded table " + table.name());
        }
        if (st instanceof Alter a && BlankedSql.strings(a.toString()).toUpperCase(java.util.Locale.ROOT).matches("(?s).*\\bRENAME\\s+(TO|AS)\\b.*")) {
            throw ShardingException.notSupported("renaming sharded table " + table.name() + " (change the rules instead)");
        }
        String foreignKey = namedForeignKey(st.toString());
        if (foreignKey != null && severalTablesPerDataSource(table)) {
            // applied per physical table, the second table of a data source would fail with a
            // duplicate name after the first got it: refused before any is touched
            throw ShardingException.notSupported("a named FOREIGN KEY (" + foreignKey + ") on sharded table " + table.name()
                    + ": constraint names are unique per database and the table has several physical tables per data source"
                    + " (leave the name out: each physical table then gets its own)");
        }
        List<String> referenced = referencedTables(st.toString(), table, rules);
        names.markHoles(rules);
        SqlTemplate template = SqlTemplate.parse(st.toString());
        List<String[]> statements = new ArrayList<>();
        for (int n = 0; n < table.strategy().nodes().size(); n++) {
            String physical = template.render(placement.physical(n), null);
            for (String ref : referenced) {
                String node = rules.shardedTable(ref).orElseThrow().strategy().nodes().get(n).table();
                physical = replaceInCode(physical, referencesPattern(ref), "REFERENCES `" + node + "`");
            }
            statements.add(new String[]{placement.dataSource(n), physical});
        }
        return Routes.fanOut(RouteOpcode.ALL_TABLES, placement.logicalNames(), statements, parameterCount, false);
    }

    private static final String IDENT = "(`(?:[^`]|``)+`|[A-Za-z0-9_$]+)";
    /** CONSTRAINT name FOREIGN KEY …, or FOREIGN KEY name (…): MariaDB names the constraint either way. */
    private static final java.util.regex.Pattern NAMED_FOREIGN_KEY = java.util.regex.Pattern.compile(
            "(?is).*?\\b(?:CONSTRAINT\\s+" + IDENT + "\\s+FOREIGN\\s+KEY|FOREIGN\\s+KEY\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?" + IDENT + "\\s*\\().*");

    /** The constraint name of a named foreign key in {@code ddl}, or null. */
    static String namedForeignKey(String ddl) {
        java.util.regex.Matcher m = NAMED_FOREIGN_KEY.matcher(BlankedSql.strings(ddl)); // a COMMENT 'FOREIGN KEY x (' is text
        if (!m.matches()) return null;
        String name = m.group(1) != null ? m.group(1) : m.group(2);
        return name.equalsIgnoreCase("FOREIGN") ? null : name;
    }

    private static final java.util.regex.Pattern REFERENCES = java.util.regex.Pattern.compile("(?i)\\bREFERENCES\\s+" + IDENT);

    /**
     * The sharded tables the foreign keys of a sharded table's DDL reference: each must be bound to
     * it (its rows of a key live on the same node), and is then mapped to its physical table on each
     * node. A reference to a broadcast table stays as written (a copy is on every data source); one
     * to any other table is refused, since only some physical tables could have it.
     */
    private static List<String> referencedTables(String ddl, ShardedTable table, ShardingRules rules) throws ShardingException {
        List<String> sharded = new ArrayList<>();
        java.util.regex.Matcher m = REFERENCES.matcher(BlankedSql.strings(ddl)); // a COMMENT 'REFERENCES x' is text
        while (m.find()) {
            String ref = TableNames.unquote(m.group(1));
            switch (rules.kind(ref)) {
                case BROADCAST -> { }
                case SHARDED -> {
                    if (!ref.equalsIgnoreCase(table.name()) && !rules.bound(table.name(), ref)) {
                        throw ShardingException.notSupported("a FOREIGN KEY from sharded table " + table.name() + " to sharded table " + ref
                                + ", which is not bound to it (its rows are on other shards)");
                    }
                    if (!sharded.contains(ref)) sharded.add(ref);
                }
                default -> throw ShardingException.notSupported("a FOREIGN KEY from sharded table " + table.name() + " to unsharded table " + ref
                        + " (it is not on every shard)");
            }
        }
        return sharded;
    }

    /** {@code text} with each match of {@code pattern} outside string literals replaced by {@code replacement}. */
    private static String replaceInCode(String text, java.util.regex.Pattern pattern, String replacement) {
        java.util.regex.Matcher m = pattern.matcher(BlankedSql.strings(text));
        StringBuilder out = new StringBuilder(text.length() + 16);
        int copied = 0;
        while (m.find()) {
            out.append(text, copied, m.start()).append(replacement);
            copied = m.end();
        }
        return out.append(text, copied, text.length()).toString();
    }

    private static java.util.regex.Pattern referencesPattern(String logical) {
        return java.util.regex.Pattern.compile("(?i)\\bREFERENCES\\s+(?:`" + java.util.regex.Pattern.quote(logical) + "`|"
                + java.util.regex.Pattern.quote(logical) + "\\b)");
    }

    private static boolean severalTablesPerDataSource(ShardedTable table) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (var node : table.strategy().nodes()) if (!seen.add(node.dataSource())) return true;
        return false;
    }

    /** Several statements planned one by one and run in order (DROP TABLE a, b). */
    static PlanTemplate sequence(List<PlanTemplate> parts) {
        return PlanTemplate.fixed(0, params -> {
            List<io.dbmesh.sharding.PhysicalStatement> all = new ArrayList<>();
            List<String> tables = new ArrayList<>();
            RouteOpcode op = RouteOpcode.UNSHARDED;
            for (PlanTemplate p : parts) {
                Route r;
                try {
                    r = (Route) p.bind(params);
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
                all.addAll(r.statements());
                tables.addAll(r.tables());
                if (r.opcode() == RouteOpcode.ALL_TABLES || (r.opcode() == RouteOpcode.BROADCAST && op != RouteOpcode.ALL_TABLES)) op = r.opcode();
            }
            return new Route(op, tables, all, false);
        });
    }
}
