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
    }

    @Override
    public int parameterCount() {
        return parameterCount;
    }

    @Override
    public Plan bind(List<Object> parameters) throws SQLException {
        Targets targets = ShardRouter.route(condition, placement.driving().strategy(), parameters);
        BitSet nodes = targets.nodes();
        List<String> tables = placement.logicalNames();
        if (nodes.cardinality() == 1) {
            int n = nodes.nextSetBit(0);
            return new Route(targets.opcode(), tables, List.of(new PhysicalStatement(placement.dataSource(n),
                    singleNode.render(placement.physical(n), null), parameters)), returnsRows);
        }
        if (federationReason != null) {
            return new Federated(database, sql, parameters, tables, federationReason);
        }
        if (multiNodeRefusal != null) throw ShardingException.notSupported(multiNodeRefusal);
        List<PhysicalStatement> statements = new ArrayList<>();
        if (scatter == null) {
            for (int n = nodes.nextSetBit(0); n >= 0; n = nodes.nextSetBit(n + 1)) {
                statements.add(new PhysicalStatement(placement.dataSource(n), singleNode.render(placement.physical(n), null), parameters));
            }
            return new Route(targets.opcode(), tables, statements, returnsRows);
        }
        String limit = merge.hasLimit() ? merge.shardLimit(parameters) : null;
        List<Object> shardParameters = merge.shardParameters(parameters);
        for (int n = nodes.nextSetBit(0); n >= 0; n = nodes.nextSetBit(n + 1)) {
            statements.add(new PhysicalStatement(placement.dataSource(n), scatter.render(placement.physical(n), limit), shardParameters));
        }
        return MergeStack.over(new Route(targets.opcode(), tables, statements, true), merge, parameters);
    }
}
