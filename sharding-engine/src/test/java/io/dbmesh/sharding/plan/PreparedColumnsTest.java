package io.dbmesh.sharding.plan;

import io.dbmesh.sharding.ShardingException;
import io.dbmesh.sharding.merge.SortKey;
import io.dbmesh.core.result.Column;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.dbmesh.sharding.plan.PlanTreesTest.SCATTER;
import static io.dbmesh.sharding.plan.PlanTreesTest.TEXT;
import static org.assertj.core.api.Assertions.assertThat;

class PreparedColumnsTest {

    private static PreparedColumns of(Plan plan) {
        return PreparedColumns.of(PlanTemplate.fixed(0, p -> plan));
    }

    @Test
    void aMergedScatterIsDescribedByItsFirstShardStatementLessTheHiddenColumns() {
        Plan plan = new Project(new Limit(new MergeSort(SCATTER, List.of(new SortKey(1, false))), 0, 10), 1);

        PreparedColumns.FromBackend columns = (PreparedColumns.FromBackend) of(plan);

        assertThat(columns.statement()).isEqualTo(SCATTER.statements().get(0));
        assertThat(columns.hiddenColumns()).isEqualTo(1);
        Column k = new Column("", "", "", "k", "k", 63, 20, io.dbmesh.core.result.ColumnType.LONGLONG, 0, 0);
        assertThat(columns.visible(List.of(TEXT, k))).containsExactly(TEXT);
        assertThat(((PreparedColumns.FromBackend) of(SCATTER)).visible(List.of(TEXT, k))).containsExactly(TEXT, k);
    }

    @Test
    void aLocalAnswerIsKnownAndWritesFederationAndMergedValuesAreUnknown() {
        assertThat(of(new Values(List.of(TEXT), List.of()))).isEqualTo(new PreparedColumns.Known(List.of(TEXT)));
        List<Plan> unknown = List.of(
                new Aggregate(SCATTER, List.of(), List.of(io.dbmesh.sharding.merge.AggregateFunction.COUNT), false),
                new Project(new Aggregate(SCATTER, List.of(), List.of(), false), 1),
                new LogicalTableNames(SCATTER, 0, -1, Map.of(), Set.of()),
                new Federated("orders", "SELECT 1", List.of(), List.of(), "join"),
                PlanTreesTest.everyKind().get(10)); // GeneratedKey: a write
        for (Plan plan : unknown) assertThat(of(plan)).as(plan.label()).isEqualTo(PreparedColumns.UNKNOWN);
    }

    @Test
    void bindsNullsOrWhereNullIsRefusedZerosOrElseKnowsNothing() {
        List<List<Object>> bound = new ArrayList<>();
        PlanTemplate limitMarker = new PlanTemplate() {
            @Override
            public int parameterCount() {
                return 1;
            }

            @Override
            public Plan bind(List<Object> parameters) throws ShardingException {
                bound.add(parameters);
                if (parameters.get(0) == null) throw new ShardingException(1210, "HY000", "Incorrect arguments to LIMIT");
                return SCATTER;
            }
        };
        assertThat(PreparedColumns.of(limitMarker)).isInstanceOf(PreparedColumns.FromBackend.class);
        assertThat(bound).containsExactly(java.util.Collections.singletonList(null), List.of(0L));

        assertThat(PreparedColumns.of(new PlanTemplate() {
            @Override
            public int parameterCount() {
                return 1;
            }

            @Override
            public Plan bind(List<Object> parameters) throws ShardingException {
                throw new ShardingException(1064, "42000", "refused");
            }
        })).isEqualTo(PreparedColumns.UNKNOWN);
    }
}
