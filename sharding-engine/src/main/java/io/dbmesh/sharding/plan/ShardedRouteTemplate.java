package io.dbmesh.sharding.plan;

import io.dbmesh.sharding.PhysicalStatement;
import io.dbmesh.sharding.ShardingException;
import io.dbmesh.sharding.rewrite.MergeSpec;
import io.dbmesh.sharding.rewrite.SqlTemplate;
import io.dbmesh.sharding.route.KeyCondition;
import io.dbmesh.sharding.route.ShardRouter;
import io.dbmesh.sharding.route.Targets;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A SELECT, UPDATE or DELETE over sharded tables (bound together, plus broadcast tables). Bound
 * values pick the target nodes; one node runs the statement as written (with physical names), several
 * run the scatter form and merge ({@link MergeSpec}), or federate when no exact merge exists, or are
 * refused for writes that cannot be split (UPDATE … LIMIT).
 */
final class ShardedRouteTemplate implements PlanTemplate {
    private final String database;
    private final String sql;
    private final Placement placement;
    private final KeyCondition condition;
    private final int parameterCount;
    private final boolean returnsRows;
    private final SqlTemplate singleNode;
    private final SqlTemplate scatter;        // null: multi-node runs singleNode everywhere, unmerged
    private final MergeSpec merge;
    private final String federationReason;    // non-null: multi-node is federated
    private final String multiNodeRefusal;    // non-null: multi-node is an error naming this
    // Per execution only the values change: the tables and each node's physical SQL are the same
    // every time, so they are made once (the SQL on a node's first use) instead of a name map, a
    // table list and a rendered string per bind (profile of sysbench read-only sharded, issue 13).
    // Racy but benign: every thread renders the same immutable string.
    private final List<String> tables;
    private final String[] singleNodeSql;
    private final String[] scatterSql;        // null: no scatter form, or its LIMIT hole changes per bind

    ShardedRouteTemplate(String database, String sql, Placement placement, KeyCondition condition, int parameterCount,
                         boolean returnsRows, SqlTemplate singleNode, SqlTemplate scatter, MergeSpec merge,
                         String federationReason, String multiNodeRefusal) {
        this.database = database;
        this.sql = sql;
        this.placement = placement;
        this.condition = condition;
        this.parameterCount = parameterCount;
        this.returnsRows = returnsRows;
        this.singleNode = singleNode;
        this.scatter = scatter;
        this.merge = merge;
        this.federationReason = federationReason;
        this.multiNodeRefusal = multiNodeRefusal;
        this.tables = List.copyOf(placement.logicalNames());
        int nodes = placement.driving().strategy().nodes().size();
        this.singleNodeSql = new String[nodes];
        this.scatterSql = scatter == null || scatter.hasLimitHole() ? null : new String[nodes];
    }

    private String singleNodeSql(int node) {
        String sql = singleNodeSql[node];
        if (sql == null) singleNodeSql[node] = sql = singleNode.render(placement.physical(node), null);
        return sql;
    }

    private String scatterSql(int node, String limit) {
        if (scatterSql == null) return scatter.render(placement.physical(node), limit);
        String sql = scatterSql[node];
        if (sql == null) scatterSql[node] = sql = scatter.render(placement.physical(node), null);
        return sql;
    }

    @Override
    public int parameterCount() {
        return parameterCount;
    }

    @Override
    public Plan bind(List<Object> parameters) throws SQLException {
        Targets targets = ShardRouter.route(condition, placement.driving().strategy(), parameters);
        BitSet nodes = targets.nodes();
        if (nodes.cardinality() == 1) {
            int n = nodes.nextSetBit(0);
            return new Route(targets.opcode(), tables, List.of(new PhysicalStatement(placement.dataSource(n),
                    singleNodeSql(n), parameters)), returnsRows);
        }
        if (federationReason != null) {
            return new Federated(database, sql, parameters, tables, federationReason);
        }
        if (multiNodeRefusal != null) throw ShardingException.notSupported(multiNodeRefusal);
        List<PhysicalStatement> statements = new ArrayList<>();
        if (scatter == null) {
            for (int n = nodes.nextSetBit(0); n >= 0; n = nodes.nextSetBit(n + 1)) {
                statements.add(new PhysicalStatement(placement.dataSource(n), singleNodeSql(n), parameters));
            }
            return new Route(targets.opcode(), tables, statements, returnsRows);
        }
        String limit = merge.hasLimit() ? merge.shardLimit(parameters) : null;
        List<Object> shardParameters = merge.shardParameters(parameters);
        for (int n = nodes.nextSetBit(0); n >= 0; n = nodes.nextSetBit(n + 1)) {
            statements.add(new PhysicalStatement(placement.dataSource(n), scatterSql(n, limit), shardParameters));
        }
        return MergeStack.over(new Route(targets.opcode(), tables, statements, true), merge, parameters);
    }
}
