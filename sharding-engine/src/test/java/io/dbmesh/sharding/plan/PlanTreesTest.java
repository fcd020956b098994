package io.dbmesh.sharding.plan;

import io.dbmesh.sharding.PhysicalStatement;
import io.dbmesh.sharding.merge.AggregateFunction;
import io.dbmesh.sharding.merge.SortKey;
import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.ColumnType;
import io.dbmesh.sharding.route.RouteOpcode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlanTreesTest {
    static final Route SCATTER = new Route(RouteOpcode.SCATTER, List.of("t_order"), List.of(
            new PhysicalStatement("ds0", "SELECT a, k FROM t_order_0 ORDER BY k"),
            new PhysicalStatement("ds1", "SELECT a, k FROM t_order_1 ORDER BY k", List.of(7L))), true);
    static final Column TEXT = new Column("", "", "", "c", "c", 45, 65535, ColumnType.VAR_STRING, 0, 0);

    /** One node of every kind (a new kind added to Plan belongs here too). */
    static List<Plan> everyKind() {
        return List.of(SCATTER,
                new MergeSort(SCATTER, List.of(new SortKey(1, false))),
                new Aggregate(SCATTER, List.of(0), List.of(AggregateFunction.GROUP_KEY, AggregateFunction.COUNT), true),
                new Distinct(SCATTER, 1, false),
                new Limit(SCATTER, 1, 2),
                new Project(SCATTER, 1),
                new MemorySort(SCATTER, List.of(new SortKey(0, true)), 5),
                new Federated("orders", "SELECT 1", List.of(), List.of("t_order"), "join"),
                new Values(List.of(TEXT), List.of()),
                new LogicalTableNames(SCATTER, 0, -1, Map.of("t_order_0", "t_order"), Set.of()),
                new GeneratedKey(new Route(RouteOpcode.EQUAL, List.of("t_order"),
                        List.of(new PhysicalStatement("ds0", "INSERT INTO t_order_0 VALUES (1)")), false), 1));
    }

    @Test
    void everyKindRebuildsFromItsOwnInputsAndRefusesInputsThatDoNotFit() {
        for (Plan node : everyKind()) {
            assertThat(node.withInputs(node.inputs())).as(node.label()).isEqualTo(node);
            List<Plan> wrong = node.inputs().isEmpty() ? List.of(SCATTER) : List.of();
            assertThatThrownBy(() -> node.withInputs(wrong)).as(node.label()).isInstanceOf(IllegalArgumentException.class);
        }
        Plan rebuilt = new Limit(SCATTER, 0, 1).withInputs(List.of(new Values(List.of(TEXT), List.of())));
        assertThat(rebuilt).isEqualTo(new Limit(new Values(List.of(TEXT), List.of()), 0, 1));
    }

    @Test
    void walksEveryNodeParentsFirstAndFindsTheRoutesAndTheirDataSources() {
        MergeSort merge = new MergeSort(SCATTER, List.of(new SortKey(1, false)));
        Limit limit = new Limit(merge, 0, 10);
        Project top = new Project(limit, 1);

        assertThat(PlanTrees.nodes(top)).containsExactly(top, limit, merge, SCATTER);
        assertThat(PlanTrees.routes(top)).containsExactly(SCATTER);
        assertThat(PlanTrees.physicalStatementCount(top)).isEqualTo(2);
        assertThat(PlanTrees.dataSources(top)).containsExactly("ds0", "ds1");
        assertThat(PlanTrees.federated(top)).isFalse();
        assertThat(PlanTrees.federated(new Limit(everyKind().get(7), 0, 1))).isTrue();
    }

    @Test
    void onlyRoutesAndFederatedPlansShowStatements() {
        for (Plan node : everyKind()) {
            List<PlanTrees.Shown> shown = PlanTrees.statements(node);
            switch (node) {
                case Route r -> assertThat(shown).extracting(PlanTrees.Shown::dataSource)
                        .containsExactlyElementsOf(r.statements().stream().map(PhysicalStatement::dataSource).toList());
                case Federated f -> assertThat(shown).containsExactly(new PlanTrees.Shown(null, "SELECT 1", List.of()));
                default -> assertThat(shown).as(node.label()).isEmpty();
            }
        }
        assertThat(PlanTrees.statements(SCATTER).get(1).parameters()).containsExactly(7L);
    }
}
