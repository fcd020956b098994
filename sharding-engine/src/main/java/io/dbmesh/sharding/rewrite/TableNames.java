package io.dbmesh.sharding.rewrite;

import io.dbmesh.sharding.ShardingException;
import io.dbmesh.sharding.parse.AstWalker;
import io.dbmesh.sharding.rule.ShardingRules;
import io.dbmesh.sharding.rule.TableKind;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.WithItem;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The table references of a statement, found in every position (FROM, joins, subqueries, column
 * qualifiers, INSERT/UPDATE/DELETE targets, DDL), and their replacement by template holes.
 * CTE names and aliases are not tables. A qualifier {@code schema.table} naming the logical
 * database loses its schema (the physical database differs); naming another schema with a
 * configured table is refused.
 */
public final class TableNames {
    private final List<Table> tables = new ArrayList<>();      // real references
    private final List<Table> qualifiers = new ArrayList<>();  // column qualifiers
    private final Set<String> aliases = new HashSet<>();
    private final Set<String> cteNames = new HashSet<>();

    private TableNames() {
    }

    public static TableNames of(Object ast) {
        TableNames t = new TableNames();
        IdentityHashMap<Table, Boolean> qualifierSet = new IdentityHashMap<>();
        for (Column c : AstWalker.collect(ast, Column.class)) if (c.getTable() != null) qualifierSet.put(c.getTable(), true);
        // o.* names the alias (or table) o the way a column qualifier does
        for (net.sf.jsqlparser.statement.select.AllTableColumns a : AstWalker.collect(ast, net.sf.jsqlparser.statement.select.AllTableColumns.class)) {
            if (a.getTable() != null) qualifierSet.put(a.getTable(), true);
        }
        for (WithItem<?> w : AstWalker.collect(ast, WithItem.class)) {
            if (w.getAlias() != null) t.cteNames.add(lower(w.getAlias().getName()));
        }
        for (Alias a : AstWalker.collect(ast, Alias.class)) t.aliases.add(lower(a.getName()));
        for (Table table : AstWalker.collect(ast, Table.class)) {
            if (table.getName() == null) continue;
            if (qualifierSet.containsKey(table)) t.qualifiers.add(table);
            else if (!t.cteNames.contains(lower(table.getName()))) t.tables.add(table);
        }
        return t;
    }

    static String lower(String name) {
        return unquote(name).toLowerCase(Locale.ROOT);
    }

    public static String unquote(String name) {
        if (name.length() >= 2 && (name.charAt(0) == '`' || name.charAt(0) == '"') && name.charAt(name.length() - 1) == name.charAt(0)) {
            return name.substring(1, name.length() - 1);
        }
        return name;
    }

    /** Lower-case names of the tables referenced (not qualifiers), in order of first appearance. */
    public Set<String> names() {
        Set<String> out = new LinkedHashSet<>();
        for (Table t : tables) out.add(lower(t.getName()));
        return out;
    }

    public List<Table> references() {
        return tables;
    }

    /**
     * Forgets one reference that names no table: the target list of {@code DELETE a FROM t a},
     * which names the alias of a table of the FROM clause.
     */
    public void forget(Table reference) {
        tables.removeIf(t -> t == reference);
    }

    public boolean usesCte() {
        return !cteNames.isEmpty();
    }

    /** Whether some table or column is qualified with database {@code database}. */
    public boolean qualifiedWith(String database) {
        for (List<Table> list : List.of(tables, qualifiers)) {
            for (Table t : list) if (t.getSchemaName() != null && lower(t.getSchemaName()).equals(lower(database))) return true;
        }
        return false;
    }

    /** Checks schema qualifiers: only the logical database (or none) may qualify a configured table. */
    public void checkSchemas(ShardingRules rules) throws ShardingException {
        for (Table t : tables) {
            String schema = t.getSchemaName();
            if (schema == null || lower(schema).equals(lower(rules.database()))) continue;
            if (rules.kind(unquote(t.getName())) != TableKind.DEFAULT) {
                throw ShardingException.notSupported("table " + unquote(schema) + "." + unquote(t.getName())
                        + " of another database in a statement on sharded database " + rules.database());
            }
        }
    }

    /**
     * Replaces every configured table name (and qualifiers naming one) with a template hole, and
     * drops the logical database as schema qualifier. Mutates the AST: deparse it afterwards.
     */
    public void markHoles(ShardingRules rules) {
        for (Table t : tables) mark(t, rules);
        for (Table q : qualifiers) {
            String n = lower(q.getName());
            if (!aliases.contains(n) || names().contains(n)) mark(q, rules);
        }
    }

    private static void mark(Table t, ShardingRules rules) {
        String name = unquote(t.getName());
        if (t.getSchemaName() != null && lower(t.getSchemaName()).equals(lower(rules.database()))) {
            t.setSchemaName(null);
        }
        if (t.getSchemaName() == null && rules.kind(name) != TableKind.DEFAULT) t.setName(SqlTemplate.tableMarker(name));
    }
}
