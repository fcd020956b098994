package io.dbmesh.sharding.plan;

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
        if (st instanceof Alter a && a.toString().toUpperCase(java.util.Locale.ROOT).matches("(?s).*\\bRENAME\\s+(TO|AS)\\b.*")) {
            throw ShardingException.notSupported("renaming sharded table " + table.name() + " (change the rules instead)");
        }
        names.markHoles(rules);
        SqlTemplate template = SqlTemplate.parse(st.toString());
        List<String[]> statements = new ArrayList<>();
        for (int n = 0; n < table.strategy().nodes().size(); n++) {
            statements.add(new String[]{placement.dataSource(n), template.render(placement.physical(n), null)});
        }
        return Routes.fanOut(RouteOpcode.ALL_TABLES, placement.logicalNames(), statements, parameterCount, false);
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
