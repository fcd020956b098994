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
    void hibernatesDeleteWithATargetAliasIsASingleTableDelete() throws Exception {
        ShardingPlanner planner = GoldenPlanTest.planner();
        Route r = (Route) planner.plan("delete o1_0 from t_order o1_0 where o1_0.user_id in (?, ?)", List.of(1L, 2L));
        assertThat(r.statements()).extracting(s -> s.dataSource() + ": " + s.sql()).containsExactlyInAnyOrder(
                "ds_1: DELETE o1_0 FROM `t_order_0` o1_0 WHERE o1_0.user_id IN (?, ?)",
                "ds_0: DELETE o1_0 FROM `t_order_1` o1_0 WHERE o1_0.user_id IN (?, ?)");
        Route unaliased = (Route) planner.plan("DELETE t_order FROM t_order WHERE user_id = 3", List.of());
        assertThat(unaliased.statements()).extracting(s -> s.dataSource() + ": " + s.sql())
                .containsExactly("ds_1: DELETE `t_order_1` FROM `t_order_1` WHERE user_id = 3");
        assertThatThrownBy(() -> planner.plan("DELETE o FROM t_order o JOIN t_user u ON u.user_id = o.user_id WHERE u.name = 'x'", List.of()))
                .hasMessageContaining("multi-table DELETE");
    }

    @Test
    void foreignKeysOfShardedDdlMapToTheBoundTableOrAreRefused() throws Exception {
        ShardingPlanner planner = GoldenPlanTest.planner();
        Route r = (Route) planner.plan("ALTER TABLE t_order ADD FOREIGN KEY (user_id) REFERENCES t_user (user_id)", List.of());
        assertThat(r.statements()).extracting(s -> s.sql()).allSatisfy(sql -> assertThat(sql).matches(
                "ALTER TABLE `t_order_(\\d)` ADD FOREIGN KEY \\(user_id\\) REFERENCES `t_user_\\1` \\(user_id\\)"));
        assertThatThrownBy(() -> planner.plan("ALTER TABLE t_order ADD CONSTRAINT fk1 FOREIGN KEY (user_id) REFERENCES t_user (user_id)", List.of()))
                .hasMessageContaining("named FOREIGN KEY (fk1) on sharded table t_order");
        assertThatThrownBy(() -> planner.plan("ALTER TABLE t_order ADD FOREIGN KEY (user_id) REFERENCES t_config (k)", List.of()))
                .hasMessageContaining("FOREIGN KEY from sharded table t_order to unsharded table t_config");
        // the words in a string literal are text: the regexes over the DDL once read them as a foreign key
        Route commented = (Route) planner.plan("ALTER TABLE t_order ADD FOREIGN KEY (user_id) REFERENCES t_user (user_id),"
                + " ADD COLUMN note VARCHAR(40) COMMENT 'REFERENCES t_user, REFERENCES t_config (k)'", List.of());
        assertThat(commented.statements()).extracting(s -> s.sql()).allSatisfy(sql -> assertThat(sql)
                .contains("REFERENCES `t_user_").endsWith("COMMENT 'REFERENCES t_user, REFERENCES t_config (k)'"));
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
