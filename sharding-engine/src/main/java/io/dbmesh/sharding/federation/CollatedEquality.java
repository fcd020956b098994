package io.dbmesh.sharding.federation;

import io.dbmesh.sharding.merge.BinaryCollation;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;

import java.util.ArrayList;
import java.util.List;

/**
 * Calcite compares strings in joins and join-like filters with Java equality; MariaDB with the
 * column's collation ('alice' = 'ALICE' under utf8mb4_general_ci). Before Calcite optimizes a
 * federated statement this program rewrites every {@code =} / {@code <>} between two string
 * expressions of a case- or accent-insensitive collation into a comparison of their
 * {@link CollationKeys collation keys}; hash joins on those keys then match what MariaDB matches.
 * Comparisons with a literal are left alone: they are pushed to the shards and MariaDB evaluates
 * them itself. (GROUP BY, DISTINCT and UNION still group by exact string: a documented limit.)
 */
final class CollatedEquality {
    private static final SqlUserDefinedFunction KEY = new SqlUserDefinedFunction(
            new SqlIdentifier("DBMESH_COLLATION_KEY", SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
            ReturnTypes.cascade(ReturnTypes.explicit(SqlTypeName.VARCHAR), SqlTypeTransforms.TO_NULLABLE),
            null, null, ScalarFunctionImpl.create(CollationKeys.class, "key"));

    private CollatedEquality() {
    }

    /**
     * Calcite's standard program, preceded by the rewrite; without PruneEmptyRules' UNION rule and
     * SortJoinTransposeRule (see below) and without ProjectAggregateMergeRule, whose
     * COALESCE(SUM(x), 0) → SUM0(x) builds a plan whose row types disagree under
     * {@link MySqlTypeSystem}'s SUM type (Calcite's own consistency check fails).
     */
    static Program program() {
        return (planner, rel, traits, materializations, lattices) -> {
            planner.removeRule(org.apache.calcite.rel.rules.CoreRules.PROJECT_AGGREGATE_MERGE);
            // pushes a Sort with an OFFSET into a LEFT join's input and keeps the OFFSET on top as well: a
            // correlated scalar subquery under ORDER BY … LIMIT 5, 4 answered no rows (random differential tester)
            planner.removeRule(org.apache.calcite.rel.rules.CoreRules.SORT_JOIN_TRANSPOSE);
            // drops the DISTINCT of a UNION whose other inputs are empty (x UNION <no rows> came back
            // with x's duplicates; found by the random differential tester)
            planner.removeRule(org.apache.calcite.rel.rules.PruneEmptyRules.UNION_INSTANCE);
            return Programs.standard().run(planner, rewrite(rel), traits, materializations, lattices);
        };
    }

    static RelNode rewrite(RelNode root) {
        return root.accept(new RelHomogeneousShuttle() {
            @Override
            public RelNode visit(RelNode other) {
                RelNode node = super.visit(other);
                RexBuilder rex = node.getCluster().getRexBuilder();
                if (node instanceof LogicalJoin join) {
                    RexNode condition = join.getCondition().accept(new Rewriter(rex));
                    return join.copy(join.getTraitSet(), condition, join.getLeft(), join.getRight(), join.getJoinType(), join.isSemiJoinDone());
                }
                if (node instanceof org.apache.calcite.rel.logical.LogicalAggregate aggregate) refuseCollatedExtremes(aggregate);
                if (node instanceof LogicalFilter filter) {
                    return filter.copy(filter.getTraitSet(), filter.getInput(), filter.getCondition().accept(new Rewriter(rex)));
                }
                return node;
            }
        });
    }

    /**
     * Calcite's MIN/MAX of strings compare Java strings, not by the collation: MIN of 'NEW' and
     * 'cancelled' is 'NEW' there, 'cancelled' under utf8mb4_general_ci. Refused, never a different answer.
     */
    private static void refuseCollatedExtremes(org.apache.calcite.rel.logical.LogicalAggregate aggregate) {
        for (org.apache.calcite.rel.core.AggregateCall call : aggregate.getAggCallList()) {
            SqlKind kind = call.getAggregation().getKind();
            if ((kind != SqlKind.MIN && kind != SqlKind.MAX) || call.getArgList().size() != 1) continue;
            RelDataType t = aggregate.getInput().getRowType().getFieldList().get(call.getArgList().get(0)).getType();
            if (!SqlTypeUtil.inCharFamily(t)) continue;
            if (t.getCollation() instanceof MariaDbSqlCollation m && m.mariaDb() instanceof BinaryCollation) continue;
            throw new RuntimeException(io.dbmesh.sharding.ShardingException.notSupported(kind + "() of a string with a case- or "
                    + "accent-insensitive collation in a federated query"));
        }
    }

    private static final class Rewriter extends RexShuttle {
        private final RexBuilder rex;

        Rewriter(RexBuilder rex) {
            this.rex = rex;
        }

        @Override
        public RexNode visitCall(RexCall call) {
            RexCall visited = (RexCall) super.visitCall(call);
            if ((visited.getKind() != SqlKind.EQUALS && visited.getKind() != SqlKind.NOT_EQUALS) || visited.getOperands().size() != 2) {
                return visited;
            }
            RexNode a = visited.getOperands().get(0), b = visited.getOperands().get(1);
            if (isLiteral(a) || isLiteral(b)) return visited;
            MariaDbSqlCollation collation = collationOf(a);
            if (collation == null) collation = collationOf(b);
            if (collation == null || collation.mariaDb() instanceof BinaryCollation) return visited;
            RexNode name = rex.makeLiteral(collation.mariaDb().name());
            List<RexNode> keys = new ArrayList<>(2);
            for (RexNode operand : List.of(a, b)) keys.add(rex.makeCall(KEY, operand, name));
            return rex.makeCall(visited.getOperator(), keys);
        }

        private static boolean isLiteral(RexNode n) {
            RexNode s = strip(n);
            return s instanceof RexLiteral;
        }

        /** The collation of a string expression, looking through Calcite's same-family casts. */
        private static MariaDbSqlCollation collationOf(RexNode n) {
            RexNode s = strip(n);
            RelDataType t = s.getType();
            if (!SqlTypeUtil.inCharFamily(t)) return null;
            return t.getCollation() instanceof MariaDbSqlCollation m ? m : null;
        }

        private static RexNode strip(RexNode n) {
            while (n instanceof RexCall c && c.getKind() == SqlKind.CAST && SqlTypeUtil.inCharFamily(c.getType())
                    && SqlTypeUtil.inCharFamily(c.getOperands().get(0).getType())) {
                n = c.getOperands().get(0);
            }
            return n;
        }
    }
}
