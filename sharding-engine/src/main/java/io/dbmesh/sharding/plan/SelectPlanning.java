package io.dbmesh.sharding.plan;

import io.dbmesh.sharding.ShardingException;
import io.dbmesh.sharding.rewrite.ColumnLabels;
import io.dbmesh.sharding.rewrite.MergeSpec;
import io.dbmesh.sharding.rewrite.ScatterSelectRewriter;
import io.dbmesh.sharding.rewrite.SqlTemplate;
import io.dbmesh.sharding.rewrite.TableNames;
import io.dbmesh.sharding.route.KeyCondition;
import io.dbmesh.sharding.route.KeyConditionExtractor;
import io.dbmesh.sharding.route.RouteOpcode;
import io.dbmesh.sharding.rule.ShardingRules;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.function.Supplier;

/**
 * Plans a SELECT: unsharded and broadcast-only reads go to one data source as written; reads of
 * sharded tables (alone, with bound tables joined on the shard key, with broadcast tables) are
 * routed by their shard-key conditions and merged; everything else is federated.
 */
final class SelectPlanning {
    private SelectPlanning() {
    }

    static PlanTemplate plan(String sql, Select select, ShardingRules rules, int parameterCount,
                             Supplier<Statement> reparse) throws ShardingException {
        TableNames names = TableNames.of(select);
        if (InformationSchemaPlanning.applies(names)) {
            return InformationSchemaPlanning.plan(sql, select, names, rules, parameterCount, reparse);
        }
        names.checkSchemas(rules);
        Placement placement = Placement.of(rules, names.names());
        if (placement.sharded.isEmpty()) return unsharded(sql, select, names, placement, rules, parameterCount, true);

        String federate = federationReason(select, names, placement);
        if (federate != null) return federated(rules, sql, placement, parameterCount, federate);
        PlainSelect ps = (PlainSelect) select;
        List<Table> occurrences = directTables(ps);
        ShardKeyColumns keys = new ShardKeyColumns(occurrences, rules);
        if (keys.occurrences() > 1 && !keys.joinedOnKeys(joinConjuncts(ps), usingGroups(ps, keys))) {
            return federated(rules, sql, placement, parameterCount, "join of sharded tables not on their shard keys");
        }
        KeyCondition condition = new KeyConditionExtractor(keys).extract(ps.getWhere());

        ColumnLabels.keepOriginal(ps, sql);
        names.markHoles(rules);
        SqlTemplate single = SqlTemplate.parse(ps.toString());

        PlainSelect scatterAst = (PlainSelect) reparse.get();
        ColumnLabels.keepOriginal(scatterAst, sql);
        ScatterSelectRewriter.Outcome outcome = ScatterSelectRewriter.rewrite(scatterAst, keys);
        if (outcome instanceof ScatterSelectRewriter.Outcome.Federate f) {
            return new ShardedRouteTemplate(rules.database(), sql, placement, condition, parameterCount, true, single,
                    null, null, f.reason(), null);
        }
        if (outcome instanceof ScatterSelectRewriter.Outcome.Refuse r) {
            return new ShardedRouteTemplate(rules.database(), sql, placement, condition, parameterCount, true, single,
                    null, null, null, r.construct());
        }
        MergeSpec merge = ((ScatterSelectRewriter.Outcome.Merge) outcome).spec();
        TableNames.of(scatterAst).markHoles(rules);
        SqlTemplate scatter = SqlTemplate.parse(scatterAst.toString());
        return new ShardedRouteTemplate(rules.database(), sql, placement, condition, parameterCount, true, single,
                scatter, merge, null, null);
    }

    /** Why the router cannot push this SELECT down to shards, or null when it can. */
    private static String federationReason(Select select, TableNames names, Placement placement) {
        if (!placement.unsharded.isEmpty()) {
            return "join of sharded table " + placement.driving().name() + " with unsharded table " + placement.unsharded.get(0);
        }
        if (!(select instanceof PlainSelect ps)) {
            return select instanceof net.sf.jsqlparser.statement.select.SetOperationList ? "UNION over sharded tables"
                    : "parenthesised query over sharded tables";
        }
        if (ps.getWithItemsList() != null && !ps.getWithItemsList().isEmpty()) return "WITH over sharded tables";
        IdentityHashMap<Table, Boolean> direct = new IdentityHashMap<>();
        for (Table t : directTables(ps)) direct.put(t, true);
        for (Table t : names.references()) {
            if (!direct.containsKey(t) && placement.rules.kind(TableNames.unquote(t.getName())) == io.dbmesh.sharding.rule.TableKind.SHARDED) {
                return "subquery over sharded table " + TableNames.unquote(t.getName());
            }
        }
        if (!placement.allBound()) {
            List<String> n = new ArrayList<>();
            placement.sharded.forEach(t -> n.add(t.name()));
            return "join of sharded tables that are not bound: " + String.join(", ", n);
        }
        return null;
    }

    /** Tables in the FROM clause and joins of this query level (not in subqueries). */
    static List<Table> directTables(PlainSelect ps) {
        List<Table> out = new ArrayList<>();
        if (ps.getFromItem() instanceof Table t) out.add(t);
        if (ps.getJoins() != null) for (Join j : ps.getJoins()) if (j.getRightItem() instanceof Table t) out.add(t);
        return out;
    }

    private static List<Expression> joinConjuncts(PlainSelect ps) {
        List<Expression> out = new ArrayList<>(ShardKeyColumns.conjuncts(ps.getWhere()));
        if (ps.getJoins() != null) {
            for (Join j : ps.getJoins()) {
                if (j.getOnExpressions() != null) for (Expression e : j.getOnExpressions()) out.addAll(ShardKeyColumns.conjuncts(e));
            }
        }
        return out;
    }

    private static List<List<String>> usingGroups(PlainSelect ps, ShardKeyColumns keys) {
        List<List<String>> out = new ArrayList<>();
        if (ps.getJoins() == null) return out;
        for (Join j : ps.getJoins()) {
            if (j.getUsingColumns() == null) continue;
            for (Column c : j.getUsingColumns()) out.add(keys.qualifiersWithKey(c.getColumnName()));
        }
        return out;
    }

    static PlanTemplate federated(ShardingRules rules, String sql, Placement placement, int parameterCount, String reason) {
        List<String> tables = placement.logicalNames();
        return PlanTemplate.fixed(parameterCount, params -> new Federated(rules.database(), sql, params, tables, reason));
    }

    /** No sharded table: one data source holds everything the statement reads or writes. */
    static PlanTemplate unsharded(String sql, Statement st, TableNames names, Placement placement, ShardingRules rules,
                                  int parameterCount, boolean returnsRows) throws ShardingException {
        if (placement.unshardedDataSources.size() > 1) {
            if (returnsRows) return federated(rules, sql, placement, parameterCount, "tables on different data sources");
            throw ShardingException.notSupported("a statement writing tables on different data sources ("
                    + String.join(", ", placement.unsharded) + ")");
        }
        String ds = placement.unshardedDataSources.isEmpty() ? rules.defaultDataSource() : placement.unshardedDataSources.iterator().next();
        RouteOpcode op = placement.unsharded.isEmpty() && !placement.broadcast.isEmpty() ? RouteOpcode.REFERENCE : RouteOpcode.UNSHARDED;
        // the text as the client wrote it, unless it names the logical database (the physical one differs)
        String physical = sql;
        if (names.qualifiedWith(rules.database())) {
            names.markHoles(rules);
            physical = SqlTemplate.parse(st.toString()).render(java.util.Map.of(), null);
        }
        return Routes.single(op, placement.logicalNames(), ds, physical, parameterCount, returnsRows);
    }
}
