package io.dbmesh.sharding.plan;

import io.dbmesh.sharding.PhysicalStatement;
import io.dbmesh.sharding.route.RouteOpcode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PassthroughPlannerTest {
    private final PassthroughPlanner planner = new PassthroughPlanner("ds0");

    @Test
    void aStatementIsOneUnshardedRouteWithItsOwnText() throws Exception {
        String sql = "SELECT * FROM t WHERE a = 1 /* not parsed */";
        Route route = (Route) planner.plan(sql, List.of());
        assertThat(route.opcode()).isEqualTo(RouteOpcode.UNSHARDED);
        assertThat(route.statements()).containsExactly(new PhysicalStatement("ds0", sql));
        assertThat(route.statements().get(0).sql()).isSameAs(sql); // not even copied
    }

    @Test
    void explainRouteAnswersTheRouteTheStatementWouldTake() throws Exception {
        Values v = (Values) planner.plan("EXPLAIN ROUTE SELECT * FROM t WHERE a = ? ;", List.of(5L));
        assertThat(v.columns()).extracting(c -> c.name()).containsExactly("data_source", "physical_sql", "parameters", "plan");
        assertThat(v.rows()).hasSize(1);
        List<String> row = v.rows().get(0).stream().map(b -> b == null ? null : new String(b, StandardCharsets.UTF_8)).toList();
        assertThat(row).containsExactly("ds0", "SELECT * FROM t WHERE a = ?", "[5]",
                "Route UNSHARDED\n  ds0: SELECT * FROM t WHERE a = ? [5]\n");
    }

    @Test
    void onlyExplainRouteWithAStatementIsAnsweredHere() {
        assertThat(PassthroughPlanner.explainRouteEnd("  explain\troute select 1")).isEqualTo(16);
        assertThat(PassthroughPlanner.explainRouteEnd("EXPLAIN SELECT 1")).isEqualTo(-1);
        assertThat(PassthroughPlanner.explainRouteEnd("EXPLAIN ROUTE")).isEqualTo(-1);
        assertThat(PassthroughPlanner.explainRouteEnd("EXPLAIN ROUTEX SELECT 1")).isEqualTo(-1);
        assertThat(PassthroughPlanner.explainRouteEnd("EXPLAINROUTE SELECT 1")).isEqualTo(-1);
        assertThat(PassthroughPlanner.explainRouteEnd("SELECT 1")).isEqualTo(-1);
    }
}
