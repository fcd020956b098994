package io.dbmesh.sharding.plan;

import io.dbmesh.sharding.ShardingException;
import io.dbmesh.sharding.rewrite.SqlTemplate;
import io.dbmesh.sharding.rewrite.TableNames;
import io.dbmesh.sharding.route.KeyCondition;
import io.dbmesh.sharding.route.KeyConditionExtractor;
import io.dbmesh.sharding.route.RouteOpcode;
import io.dbmesh.sharding.rule.ShardingRules;
import io.dbmesh.sharding.rule.TableKind;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;

import java.util.ArrayList;
import java.util.List;

/**
 * Plans UPDATE and DELETE of one table. A sharded table's statement goes to the nodes its
 * shard-key conditions select (all of them otherwise; affected rows add up). Changing the shard key
 * is refused: the row would have to move to another shard. A broadcast table's statement goes to
 * every data source.
 */
final class WritePlanning {
    private WritePlanning() {
    }

    /** Whether the target list entry {@code listed} of a DELETE names {@code from} (its alias, or its name without alias). */
    private static boolean namesItself(Table listed, Table from) {
        String name = TableNames.unquote(listed.getName());
        if (listed.getSchemaName() != null && from.getAlias() != null) return false;
        return from.getAlias() != null ? name.equalsIgnoreCase(TableNames.unquote(from.getAlias().getName()))
                : name.equalsIgnoreCase(TableNames.unquote(from.getName()));
    }

    static PlanTemplate plan(String sql, Statement st, ShardingRules rules, int parameterCount) throws ShardingException {
        String verb = st instanceof Update ? "UPDATE" : "DELETE";
        Table target;
        Expression where;
        boolean multiTable;
        boolean orderedOrLimited;
        boolean selfTarget = false;
        if (st instanceof Update u) {
            target = u.getTable();
            where = u.getWhere();
            multiTable = (u.getJoins() != null && !u.getJoins().isEmpty()) || u.getFromItem() != null
                    || (u.getStartJoins() != null && !u.getStartJoins().isEmpty());
            orderedOrLimited = u.getLimit() != null || (u.getOrderByElements() != null && !u.getOrderByElements().isEmpty());
        } else {
            Delete d = (Delete) st;
            target = d.getTable();
            where = d.getWhere();
            boolean joined = (d.getJoins() != null && !d.getJoins().isEmpty()) || (d.getUsingList() != null && !d.getUsingList().isEmpty());
            selfTarget = !joined && d.getTables() != null && d.getTables().size() == 1 && namesItself(d.getTables().get(0), target);
            multiTable = joined || (d.getTables() != null && !d.getTables().isEmpty() && !selfTarget);
            orderedOrLimited = d.getLimit() != null || (d.getOrderByElements() != null && !d.getOrderByElements().isEmpty());
        }
        TableNames names = TableNames.of(st);
        // DELETE a FROM t a WHERE … (Hibernate's form on MariaDB, which has no alias in a
        // single-table DELETE) deletes from one table: planned like DELETE FROM t, and the physical
        // statements keep the form (DELETE a FROM t_1 a …)
        if (selfTarget && target.getAlias() != null) names.forget(((Delete) st).getTables().get(0));
        names.checkSchemas(rules);
        Placement placement = Placement.of(rules, names.names());
        String targetName = TableNames.unquote(target.getName());
        TableKind kind = rules.kind(targetName);

        if (placement.sharded.isEmpty()) {
            if (kind == TableKind.BROADCAST) {
                if (st instanceof Delete d && d.getReturningClause() != null) { // every copy would answer with its rows
                    throw ShardingException.notSupported("DELETE … RETURNING on broadcast table " + targetName);
                }
                if (!placement.unsharded.isEmpty()) {
                    throw ShardingException.notSupported(verb + " of broadcast table " + targetName + " reading unsharded tables");
                }
                names.markHoles(rules);
                String physical = SqlTemplate.parse(st.toString()).render(java.util.Map.of(), null);
                List<String[]> all = new ArrayList<>();
                for (String ds : rules.dataSources()) all.add(new String[]{ds, physical});
                return Routes.fanOut(RouteOpcode.BROADCAST, placement.logicalNames(), all, parameterCount, false);
            }
            return SelectPlanning.unsharded(sql, st, names, placement, rules, parameterCount, false);
        }
        if (multiTable) throw ShardingException.notSupported("multi-table " + verb + " involving sharded table " + placement.driving().name());
        if (kind != TableKind.SHARDED || placement.sharded.size() > 1 || !placement.unsharded.isEmpty()) {
            String other = placement.sharded.stream().map(t -> t.name()).filter(n -> !n.equalsIgnoreCase(targetName)).findFirst()
                    .orElse(placement.unsharded.isEmpty() ? placement.driving().name() : placement.unsharded.get(0));
            throw ShardingException.notSupported(verb + " of " + targetName + " with a subquery over " + other);
        }
        if (!placement.broadcast.isEmpty() && !names.references().stream().allMatch(t -> t == target
                || rules.kind(TableNames.unquote(t.getName())) == TableKind.BROADCAST)) {
            throw ShardingException.notSupported(verb + " with a subquery over sharded tables");
        }
        ShardKeyColumns keys = new ShardKeyColumns(List.of(target), rules);
        if (st instanceof Update u) {
            for (UpdateSet set : u.getUpdateSets()) {
                for (Column c : set.getColumns()) {
                    if (keys.test(c) || TableNames.unquote(c.getColumnName()).equalsIgnoreCase(placement.driving().shardKey())) {
                        throw ShardingException.shardKeyUpdate(placement.driving().name(), placement.driving().shardKey());
                    }
                }
            }
        }
        KeyCondition condition = new KeyConditionExtractor(keys).extract(where);
        names.markHoles(rules);
        SqlTemplate template = SqlTemplate.parse(st.toString());
        // the rows of DELETE … RETURNING come back from one shard only: over several the route would
        // run as an update and their rows be lost, so say so instead
        boolean returning = st instanceof Delete d && d.getReturningClause() != null;
        String refusal = orderedOrLimited ? verb + " … ORDER BY / LIMIT over several shards"
                : returning ? "DELETE … RETURNING over several shards" : null;
        return new ShardedRouteTemplate(rules.database(), sql, placement, condition, parameterCount, false, template,
                null, null, null, refusal);
    }
}
