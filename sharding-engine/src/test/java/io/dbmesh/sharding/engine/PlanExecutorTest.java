package io.dbmesh.sharding.engine;

import io.dbmesh.sharding.merge.MergeSettings;

import io.dbmesh.sharding.PhysicalStatement;
import io.dbmesh.sharding.ShardResult;
import io.dbmesh.sharding.ShardingException;
import io.dbmesh.sharding.federation.FederatedExecutor;
import io.dbmesh.sharding.merge.MergeAssertions;
import io.dbmesh.sharding.merge.ShardedFixture;
import io.dbmesh.sharding.merge.TestRows;
import io.dbmesh.sharding.plan.Aggregate;
import io.dbmesh.sharding.merge.AggregateFunction;
import io.dbmesh.sharding.plan.Federated;
import io.dbmesh.sharding.plan.GeneratedKey;
import io.dbmesh.sharding.plan.Limit;
import io.dbmesh.sharding.plan.MergeSort;
import io.dbmesh.sharding.plan.Plan;
import io.dbmesh.sharding.plan.Project;
import io.dbmesh.sharding.plan.Route;
import io.dbmesh.sharding.merge.SortKey;
import io.dbmesh.core.result.RowCursor;
import io.dbmesh.sharding.route.RouteOpcode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.dbmesh.sharding.merge.AggregateFunction.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Plans built as the planner builds them, run over three real shards, versus one server. */
// needs the MariaDB at 127.0.0.1:3306 (README "Tests": -DexcludedGroups=mariadb runs the others without it)
@Tag("mariadb")
class PlanExecutorTest {
    private static ShardedFixture fixture;
    private static PlanExecutor executor;

    @BeforeAll
    static void load() throws Exception {
        fixture = new ShardedFixture("merge_plan", 300);
        executor = new PlanExecutor(fixture.executor, FederatedExecutor.UNSUPPORTED, MergeSettings.DEFAULTS);
    }

    @AfterAll
    static void close() throws Exception {
        fixture.close();
    }

    private static Route scatter(String sql, boolean rows) {
        List<PhysicalStatement> statements = new ArrayList<>();
        for (int s = 0; s < ShardedFixture.SHARDS; s++) statements.add(new PhysicalStatement("ds" + s, sql));
        return new Route(RouteOpcode.SCATTER, List.of("t"), statements, rows);
    }

    @Test
    void orderByLimitOffsetWithHiddenColumn() throws Exception {
        // SELECT id, s FROM t ORDER BY x DESC, id LIMIT 3, 12
        Plan plan = new Project(new Limit(new MergeSort(scatter("SELECT id, s, x FROM t ORDER BY x DESC, id LIMIT 15", true),
                List.of(new SortKey(2, true), new SortKey(0, false))), 3, 12), 1);
        RowCursor rows = ((ShardResult.Rows) executor.execute(plan)).cursor();
        MergeAssertions.assertSameResult(rows, fixture.singleCursor("SELECT id, s FROM t ORDER BY x DESC, id LIMIT 3, 12"));
    }

    @Test
    void groupedAggregateWithAvg() throws Exception {
        Plan plan = new Project(new Aggregate(new MergeSort(scatter(
                "SELECT g, COUNT(*), AVG(d), SUM(d), COUNT(d) FROM t GROUP BY g ORDER BY g", true),
                List.of(new SortKey(0, false))), List.of(0), List.of(GROUP_KEY, COUNT, avg(3, 4), SUM, COUNT), true), 2);
        RowCursor rows = executor.rows(plan);
        MergeAssertions.assertSameResult(rows, fixture.singleCursor("SELECT g, COUNT(*), AVG(d) FROM t GROUP BY g ORDER BY g"));
    }

    @Test
    void aggregateWithoutGroupByInMemory() throws Exception {
        Plan plan = new Aggregate(scatter("SELECT COUNT(*), MAX(s), SUM(x) FROM t WHERE id > 100", true), List.of(),
                List.of(COUNT, MAX, SUM), false);
        MergeAssertions.assertSameResult(executor.rows(plan), fixture.singleCursor("SELECT COUNT(*), MAX(s), SUM(x) FROM t WHERE id > 100"));
    }

    @Test
    void writesSumCountsAndGeneratedKeysReportTheFirstId() throws Exception {
        Plan touch = new GeneratedKey(scatter("UPDATE t SET k = k + 1 WHERE id <= 30", false), 4242);
        var result = executor.update(touch);
        assertThat(result.affectedRows()).isEqualTo(30);
        assertThat(result.lastInsertId()).isEqualTo(4242);
        executor.update(scatter("UPDATE t SET k = k - 1 WHERE id <= 30", false));
    }

    @Test
    void federatedPlansGoToTheFederatedExecutor() {
        Plan plan = new Federated("db", "SELECT 1", List.of(), List.of("t"), "UNION over sharded tables");
        assertThatThrownBy(() -> executor.rows(plan)).isInstanceOf(ShardingException.class)
                .hasMessageContaining("UNION over sharded tables");
    }

    @Test
    void valuesAreAnsweredLocally() throws Exception {
        var columns = List.of(new io.dbmesh.core.result.Column("", "", "", "a", "a", 45, 10,
                io.dbmesh.core.result.ColumnType.VAR_STRING, 0, 0));
        Plan plan = new io.dbmesh.sharding.plan.Values(columns, List.of(List.of("x".getBytes()), List.of("y".getBytes())));
        assertThat(TestRows.drain(executor.rows(plan))).containsExactly(List.of("x"), List.of("y"));
    }
}
