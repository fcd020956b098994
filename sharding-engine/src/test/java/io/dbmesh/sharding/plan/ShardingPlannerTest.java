package io.dbmesh.sharding.plan;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardingPlannerTest {

    @Test
    void preparedStatementsAreAnalysedOnceAndRoutedPerExecution() throws Exception {
        ShardingPlanner planner = GoldenPlanTest.planner();
        PlanTemplate t = planner.prepare("SELECT * FROM t_order WHERE user_id = ?");
        assertThat(t.parameterCount()).isEqualTo(1);
        assertThat(planner.prepare("SELECT * FROM t_order WHERE user_id = ?")).isSameAs(t);
        Route first = (Route) t.bind(List.of(1L));
        Route second = (Route) t.bind(List.of(2L));
        assertThat(first.statements().get(0).dataSource()).isEqualTo("ds_1");
        assertThat(second.statements().get(0).dataSource()).isEqualTo("ds_0");
        assertThat(second.statements().get(0).sql()).isEqualTo("SELECT * FROM `t_order_1` WHERE user_id = ?");
        assertThat(planner.cachedStatements()).isEqualTo(1);
    }

    @Test
    void missingParametersAreAnError() throws Exception {
        ShardingPlanner planner = GoldenPlanTest.planner();
        assertThatThrownBy(() -> planner.plan("SELECT * FROM t_order WHERE user_id = ?", List.of()))
                .isInstanceOf(SQLException.class).hasMessageContaining("Incorrect arguments");
    }

    @Test
    void explainRouteAnswersOneRowPerPhysicalStatement() throws Exception {
        ShardingPlanner planner = GoldenPlanTest.planner();
        Values v = (Values) planner.plan("EXPLAIN ROUTE SELECT order_id FROM t_order WHERE user_id IN (?, ?) ORDER BY order_id", List.of(1L, 2L));
        assertThat(v.columns()).extracting(c -> c.name()).containsExactly("data_source", "physical_sql", "parameters", "plan");
        assertThat(v.rows()).hasSize(2);
        assertThat(text(v.rows().get(0).get(0))).isEqualTo("ds_0");
        assertThat(text(v.rows().get(0).get(1))).isEqualTo("SELECT order_id FROM `t_order_1` WHERE user_id IN (?, ?) ORDER BY order_id");
        assertThat(text(v.rows().get(0).get(2))).isEqualTo("[1, 2]");
        assertThat(text(v.rows().get(0).get(3))).startsWith("MergeSort [0 ASC]\n  Route IN t_order\n");
        assertThat(text(v.rows().get(1).get(0))).isEqualTo("ds_1");
        Values federated = (Values) planner.plan("EXPLAIN ROUTE SELECT user_id FROM t_user UNION SELECT user_id FROM t_order", List.of());
        assertThat(text(federated.rows().get(0).get(0))).isEqualTo("(federation)");
    }

    private static String text(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }
}
