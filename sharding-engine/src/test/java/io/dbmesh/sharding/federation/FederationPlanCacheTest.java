package io.dbmesh.sharding.federation;

import io.dbmesh.sharding.PhysicalStatement;
import io.dbmesh.sharding.merge.MergeSettings;
import io.dbmesh.sharding.engine.PlanExecutor;
import io.dbmesh.sharding.merge.MariaDb;
import io.dbmesh.sharding.merge.TestRows;
import io.dbmesh.sharding.plan.Federated;
import io.dbmesh.core.result.RowCursor;
import org.apache.calcite.runtime.Hook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The federated plan cache over two real data sources: a statement run again is not parsed again
 * (counted by Calcite's own {@link Hook#PARSE_TREE}, which runs once per planning), and a reused
 * plan still answers, prunes and pushes filters by each execution's own literals and parameters.
 */
// needs the MariaDB at 127.0.0.1:3306 (README "Tests": -DexcludedGroups=mariadb runs the others without it)
@Tag("mariadb")
class FederationPlanCacheTest {
    private static final String JOIN_BY_USER = "SELECT o.order_id, i.item_id, i.sku FROM t_order o JOIN t_item i ON o.order_id = i.order_id"
            + " WHERE o.user_id = %s ORDER BY i.item_id";
    private static OrdersFixture fixture;
    private final AtomicInteger parses = new AtomicInteger();
    private Hook.Closeable hook;

    @BeforeAll
    static void load() throws Exception {
        fixture = new OrdersFixture();
    }

    @AfterAll
    static void close() throws Exception {
        fixture.close();
    }

    @BeforeEach
    void countPlanning() {
        hook = Hook.PARSE_TREE.addThread((Consumer<Object>) parseTree -> parses.incrementAndGet());
    }

    @AfterEach
    void stopCounting() {
        hook.close();
    }

    private static PlanExecutor federation(int planCacheSize) {
        return new PlanExecutor(fixture.executor, Federation.lazy(fixture.rules, MergeSettings.DEFAULTS.maxMemoryRows(), planCacheSize),
                MergeSettings.DEFAULTS);
    }

    private static Federated statement(String sql, Object... parameters) {
        return new Federated("orders", sql, List.of(parameters), List.of("t_order", "t_item"), "test");
    }

    private static List<List<String>> run(PlanExecutor executor, Federated f) throws Exception {
        return TestRows.drain(executor.rows(f));
    }

    /** The physical statements sent to t_order shards since the last clear (metadata reads left out). */
    private static List<PhysicalStatement> orderScans() {
        synchronized (fixture.executor.executed) {
            List<PhysicalStatement> scans = fixture.executor.executed.stream()
                    .filter(s -> s.sql().contains("t_order") && !s.sql().contains("LIMIT 0")).toList();
            fixture.executor.executed.clear();
            return scans;
        }
    }

    @Test
    void aRepeatedStatementIsPlannedOnce() throws Exception {
        PlanExecutor executor = federation(16);
        Federated f = statement(String.format(JOIN_BY_USER, 3));
        List<List<String>> expected = MariaDb.rows(fixture.single, f.sql());
        assertThat(expected).isNotEmpty();
        for (int i = 0; i < 3; i++) assertThat(run(executor, f)).isEqualTo(expected);
        assertThat(parses).hasValue(1);
    }

    @Test
    void aPreparedStatementIsPlannedOnceAndPrunesByEachExecutionsParameters() throws Exception {
        PlanExecutor executor = federation(16);
        String sql = String.format(JOIN_BY_USER, "?");
        List<String> nodesRead = new java.util.ArrayList<>();
        for (long user : new long[]{3, 4, 3, 6}) {
            orderScans();
            assertThat(run(executor, statement(sql, user))).as("user %d", user)
                    .isEqualTo(MariaDb.rows(fixture.single, String.format(JOIN_BY_USER, user)));
            List<PhysicalStatement> scans = orderScans();
            assertThat(scans).as("user %d reads one t_order node", user).hasSize(1)
                    .allMatch(s -> s.sql().contains("WHERE (`user_id` = " + user + ")"));
            nodesRead.add(scans.get(0).dataSource() + "." + scans.get(0).sql().replaceAll(".* FROM `(\\w+)`.*", "$1"));
        }
        // user 3 → ds_1.t_order_1, user 4 → ds_0.t_order_0, user 6 → ds_0.t_order_1
        assertThat(nodesRead).containsExactly("ds_1.t_order_1", "ds_0.t_order_0", "ds_1.t_order_1", "ds_0.t_order_1");
        assertThat(parses).hasValue(1);
    }

    @Test
    void textParametersAreComparedByTheShardsCollation() throws Exception {
        PlanExecutor executor = federation(16);
        String sql = "SELECT i.item_id FROM t_order o JOIN t_item i ON o.order_id = i.order_id WHERE i.sku = ? ORDER BY 1";
        for (String sku : List.of("sku-a", "SKU-B", "Sku-C ")) {
            assertThat(run(executor, statement(sql, sku))).as(sku)
                    .isEqualTo(MariaDb.rows(fixture.single, sql.replace("?", FilterSql.string(sku)))).isNotEmpty();
        }
        assertThat(parses).hasValue(1);
    }

    @Test
    void differentLiteralsAreDifferentPlans() throws Exception {
        PlanExecutor executor = federation(16);
        for (long user : new long[]{3, 4, 3, 4}) {
            orderScans();
            String sql = String.format(JOIN_BY_USER, user);
            assertThat(run(executor, statement(sql))).as(sql).isEqualTo(MariaDb.rows(fixture.single, sql));
            assertThat(orderScans()).hasSize(1).allMatch(s -> s.sql().contains("`user_id` = " + user));
        }
        assertThat(parses).hasValue(2);
    }

    @Test
    void aStatementClosedBeforeItsLastRowIsReusedCorrectly() throws Exception {
        PlanExecutor executor = federation(16);
        Federated f = statement("SELECT o.order_id, i.item_id FROM t_order o JOIN t_item i ON o.order_id = i.order_id ORDER BY 2");
        try (RowCursor first = executor.rows(f)) {
            assertThat(first.next()).isTrue();
        }
        assertThat(run(executor, f)).isEqualTo(MariaDb.rows(fixture.single, f.sql()));
        assertThat(parses).hasValue(1);
    }

    @Test
    void concurrentExecutionsOfOneShapeEachGetTheirOwnPlan() throws Exception {
        PlanExecutor executor = federation(16);
        String sql = String.format(JOIN_BY_USER, "?");
        try (RowCursor three = executor.rows(statement(sql, 3L)); RowCursor four = executor.rows(statement(sql, 4L))) {
            assertThat(TestRows.drain(four)).isEqualTo(MariaDb.rows(fixture.single, String.format(JOIN_BY_USER, 4)));
            assertThat(TestRows.drain(three)).isEqualTo(MariaDb.rows(fixture.single, String.format(JOIN_BY_USER, 3)));
        }
        assertThat(parses).hasValue(2);
        // both are kept: two more concurrent executions plan nothing
        try (RowCursor a = executor.rows(statement(sql, 5L)); RowCursor b = executor.rows(statement(sql, 6L))) {
            assertThat(TestRows.drain(a)).isEqualTo(MariaDb.rows(fixture.single, String.format(JOIN_BY_USER, 5)));
            assertThat(TestRows.drain(b)).isEqualTo(MariaDb.rows(fixture.single, String.format(JOIN_BY_USER, 6)));
        }
        assertThat(parses).hasValue(2);
    }

    @Test
    void closingAResultTwiceGivesItsPlanBackOnce() throws Exception {
        PlanExecutor executor = federation(16);
        String sql = String.format(JOIN_BY_USER, "?");
        RowCursor once = executor.rows(statement(sql, 3L));
        TestRows.drain(once);
        once.close();
        once.close();
        try (RowCursor a = executor.rows(statement(sql, 4L)); RowCursor b = executor.rows(statement(sql, 5L))) {
            assertThat(TestRows.drain(a)).isEqualTo(MariaDb.rows(fixture.single, String.format(JOIN_BY_USER, 4)));
            assertThat(TestRows.drain(b)).isEqualTo(MariaDb.rows(fixture.single, String.format(JOIN_BY_USER, 5)));
        }
        assertThat(parses).as("the second concurrent execution compiled its own").hasValue(2);
    }

    @Test
    void aFailedExecutionsPlanIsNotReused() throws Exception {
        PlanExecutor small = new PlanExecutor(fixture.executor, Federation.lazy(fixture.rules, 10, 16), MergeSettings.DEFAULTS);
        Federated f = statement("SELECT COUNT(*) FROM t_item i JOIN t_order o ON o.order_id = i.order_id");
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> run(small, f)).hasMessageContaining("at most 10 shard rows");
        }
        assertThat(parses).hasValue(2);
    }

    @Test
    void theCacheIsBoundedLeastRecentlyUsedFirst() throws Exception {
        PlanExecutor executor = federation(2);
        Federated a = statement(String.format(JOIN_BY_USER, 1)), b = statement(String.format(JOIN_BY_USER, 2)),
                c = statement(String.format(JOIN_BY_USER, 3));
        run(executor, a);
        run(executor, b);
        run(executor, a); // a is now more recent than b
        assertThat(parses).hasValue(2);
        run(executor, c); // evicts b
        run(executor, a);
        assertThat(parses).hasValue(3);
        run(executor, b);
        assertThat(parses).hasValue(4);
    }

    @Test
    void sizeZeroKeepsNothing() throws Exception {
        PlanExecutor executor = federation(0);
        Federated f = statement(String.format(JOIN_BY_USER, 3));
        run(executor, f);
        run(executor, f);
        assertThat(parses).hasValue(2);
    }

    @Test
    void aTableWhoseColumnsChangedIsPlannedAgain() throws Exception {
        PlanExecutor executor = federation(16);
        Federated f = new Federated("orders", "SELECT r.* FROM t_region r WHERE r.region_id IN (SELECT qty FROM t_item) ORDER BY 1",
                List.of(), List.of("t_region", "t_item"), "test");
        assertThat(run(executor, f).get(0)).hasSize(2);
        for (var n : fixture.nodes("t_region")) {
            MariaDb.execute(fixture.dataSources.get(n.dataSource()), "ALTER TABLE " + n.table() + " ADD COLUMN extra INT DEFAULT 7");
        }
        try {
            assertThat(run(executor, f)).allMatch(row -> row.size() == 3 && row.get(2).equals("7"));
            assertThat(parses).hasValue(2);
        } finally {
            for (var n : fixture.nodes("t_region")) {
                MariaDb.execute(fixture.dataSources.get(n.dataSource()), "ALTER TABLE " + n.table() + " DROP COLUMN extra");
            }
        }
    }
}
