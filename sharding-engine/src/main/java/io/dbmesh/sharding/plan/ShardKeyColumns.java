package io.dbmesh.sharding.plan;

import io.dbmesh.sharding.rewrite.TableNames;
import io.dbmesh.sharding.rule.ShardedTable;
import io.dbmesh.sharding.rule.ShardingRules;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The sharded table occurrences of one query level, by the name columns qualify them with (alias, or
 * table name without alias), and which columns are their shard keys. Also decides whether joined
 * occurrences are joined on their shard keys (then every joined row pair lives on one node).
 */
final class ShardKeyColumns implements Predicate<Column> {
    private final Map<String, ShardedTable> byQualifier = new LinkedHashMap<>();

    ShardKeyColumns(List<Table> occurrences, ShardingRules rules) {
        for (Table t : occurrences) {
            ShardedTable st = rules.shardedTable(TableNames.unquote(t.getName())).orElse(null);
            if (st == null) continue;
            String q = t.getAlias() != null ? t.getAlias().getName() : t.getName();
            byQualifier.put(lower(q), st);
        }
    }

    private static String lower(String s) {
        return TableNames.unquote(s).toLowerCase(Locale.ROOT);
    }

    int occurrences() {
        return byQualifier.size();
    }

    @Override
    public boolean test(Column c) {
        String column = lower(c.getColumnName());
        if (c.getTable() != null && c.getTable().getName() != null) {
            ShardedTable t = byQualifier.get(lower(c.getTable().getName()));
            return t != null && lower(t.shardKey()).equals(column);
        }
        for (ShardedTable t : byQualifier.values()) if (lower(t.shardKey()).equals(column)) return true;
        return false;
    }

    /** The qualifier of the occurrence whose shard key this qualified column is, or null. */
    private String keyOwner(Expression e) {
        while (e instanceof ParenthesedExpressionList<?> p && p.size() == 1) e = p.get(0);
        if (!(e instanceof Column c) || c.getTable() == null || c.getTable().getName() == null) return null;
        String q = lower(c.getTable().getName());
        ShardedTable t = byQualifier.get(q);
        return t != null && lower(t.shardKey()).equals(lower(c.getColumnName())) ? q : null;
    }

    /**
     * Whether the equalities among {@code conjuncts} (AND-ed conditions from ON clauses and WHERE)
     * connect every occurrence through {@code a.key = b.key}.
     */
    boolean joinedOnKeys(List<Expression> conjuncts, List<List<String>> usingKeyGroups) {
        Map<String, String> parent = new HashMap<>();
        for (String q : byQualifier.keySet()) parent.put(q, q);
        for (Expression e : conjuncts) {
            if (e instanceof EqualsTo eq) {
                String a = keyOwner(eq.getLeftExpression()), b = keyOwner(eq.getRightExpression());
                if (a != null && b != null) union(parent, a, b);
            }
        }
        for (List<String> g : usingKeyGroups) for (int i = 1; i < g.size(); i++) union(parent, g.get(0), g.get(i));
        String root = null;
        for (String q : byQualifier.keySet()) {
            String r = find(parent, q);
            if (root == null) root = r;
            else if (!root.equals(r)) return false;
        }
        return true;
    }

    /** Occurrence qualifiers whose shard key is named {@code column} (for JOIN … USING). */
    List<String> qualifiersWithKey(String column) {
        List<String> out = new ArrayList<>();
        byQualifier.forEach((q, t) -> {
            if (lower(t.shardKey()).equals(lower(column))) out.add(q);
        });
        return out;
    }

    private static String find(Map<String, String> parent, String x) {
        while (!parent.get(x).equals(x)) x = parent.get(x);
        return x;
    }

    private static void union(Map<String, String> parent, String a, String b) {
        parent.put(find(parent, a), find(parent, b));
    }

    /** AND-ed terms of a condition. */
    static List<Expression> conjuncts(Expression e) {
        List<Expression> out = new ArrayList<>();
        if (e == null) return out;
        while (e instanceof ParenthesedExpressionList<?> p && p.size() == 1) e = p.get(0);
        if (e instanceof AndExpression and) {
            out.addAll(conjuncts(and.getLeftExpression()));
            out.addAll(conjuncts(and.getRightExpression()));
        } else {
            out.add(e);
        }
        return out;
    }
}
