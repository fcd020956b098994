package io.dbmesh.sharding.engine;

import io.dbmesh.sharding.merge.MariaDb;
import io.dbmesh.sharding.merge.TestRows;
import io.dbmesh.sharding.plan.Federated;
import io.dbmesh.sharding.plan.Plan;
import io.dbmesh.sharding.plan.ShardingPlanner;
import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.RowCursor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The federation's result types of aggregates equal MariaDB's (issue 10: SUM(DISTINCT int) came
 * back BIGINT where MariaDB answers DECIMAL): each aggregate over a join the router cannot push down
 * (t_order with t_item, sharded differently), its column's type and decimals compared with one server's.
 */
// needs the MariaDB at 127.0.0.1:3306 (README "Tests": -DexcludedGroups=mariadb runs the others without it)
@Tag("mariadb")
class FederatedAggregateTypesMariaDbTest {
    @RegisterExtension
    static final OrdersEngine engine = new OrdersEngine();

    @ParameterizedTest
    @ValueSource(strings = {"COUNT(*)", "COUNT(i.qty)", "COUNT(DISTINCT o.user_id)", "SUM(i.qty)", "SUM(DISTINCT i.qty)",
            "SUM(o.user_id)", "SUM(DISTINCT o.amount)", "SUM(i.price)", "AVG(i.qty)", "AVG(DISTINCT o.amount)", "AVG(i.price)",
            "MIN(i.qty)", "MAX(o.amount)", "MIN(o.created_at)", "MAX(i.item_id)", "STDDEV_POP(i.qty)", "VAR_SAMP(i.price)",
            "STDDEV_SAMP(o.amount)", "VAR_POP(i.qty)"})
    void aggregateTypesAreMariaDbs(String aggregate) throws Exception {
        String sql = "SELECT o.status, " + aggregate + " FROM t_order o JOIN t_item i ON o.order_id = i.order_id GROUP BY o.status ORDER BY o.status";
        Plan plan = engine.planner.plan(sql, List.of());
        assertThat(plan).isInstanceOf(Federated.class);
        Column merged, single;
        List<List<String>> mergedRows, singleRows;
        try (RowCursor c = engine.executor.rows(plan)) {
            merged = c.columns().get(1);
            mergedRows = TestRows.drain(c);
        }
        try (RowCursor c = MariaDb.query(engine.fixture.single(), sql)) {
            single = c.columns().get(1);
            singleRows = TestRows.drain(c);
        }
        assertThat(merged.type()).as("type of %s", aggregate).isEqualTo(single.type());
        if (!merged.type().isFloatingPoint()) {
            assertThat(merged.decimals()).as("decimals of %s", aggregate).isEqualTo(single.decimals());
            assertThat(mergedRows).as(sql).isEqualTo(singleRows);
        }
    }
}
