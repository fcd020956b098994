package io.dbmesh.sharding.federation;

import io.dbmesh.sharding.PhysicalStatement;
import io.dbmesh.sharding.ShardingException;
import io.dbmesh.sharding.merge.MergeSettings;
import io.dbmesh.sharding.engine.PlanExecutor;
import io.dbmesh.sharding.merge.MariaDb;
import io.dbmesh.sharding.merge.TestRows;
import io.dbmesh.sharding.plan.Federated;
import io.dbmesh.sharding.plan.Plan;
import io.dbmesh.sharding.plan.PlanPrinter;
import io.dbmesh.sharding.plan.ShardingPlanner;
import io.dbmesh.core.result.RowCursor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Statements the router cannot push down, planned by the real planner, run through federation
 * over two real data sources, compared with one plain MariaDB holding the same rows.
 */
// needs the MariaDB at 127.0.0.1:3306 (README "Tests": -DexcludedGroups=mariadb runs the others without it)
@Tag("mariadb")
class FederationMariaDbTest {
    private static OrdersFixture fixture;
    private static ShardingPlanner planner;
    private static PlanExecutor executor;

    @BeforeAll
    static void load() throws Exception {
        fixture = new OrdersFixture();
        planner = new ShardingPlanner(fixture.rules);
        executor = new PlanExecutor(fixture.executor, Federation.lazy(fixture.rules), MergeSettings.DEFAULTS);
    }

    @AfterAll
    static void close() throws Exception {
        fixture.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT o.order_id, i.item_id, i.sku FROM t_order o JOIN t_item i ON o.order_id = i.order_id WHERE o.user_id = 3 ORDER BY i.item_id",
            "SELECT o.order_id, i.sku, i.qty FROM t_order o JOIN t_item i ON o.order_id = i.order_id WHERE i.qty > 3 ORDER BY o.order_id, i.item_id",
            "SELECT u.name, COUNT(*) FROM t_user u JOIN t_item i ON u.user_id = i.user_id GROUP BY u.name ORDER BY u.name",
            "SELECT name FROM t_user WHERE user_id IN (SELECT user_id FROM t_item WHERE qty = 5) ORDER BY user_id",
            "SELECT user_id FROM t_user UNION SELECT user_id FROM t_item ORDER BY 1",
            "SELECT user_id, 'u' AS src FROM t_user WHERE user_id < 5 UNION ALL SELECT user_id, 'i' FROM t_item WHERE item_id < 5 ORDER BY 1, 2",
            "SELECT status, COUNT(*) FROM t_order GROUP BY status HAVING COUNT(*) > 20 ORDER BY status",
            "SELECT COUNT(DISTINCT status) FROM t_order",
            "SELECT COUNT(DISTINCT sku), SUM(qty), MIN(price), MAX(price) FROM t_item",
            "SELECT r.name, COUNT(i.item_id) FROM t_region r JOIN t_user u ON u.region_id = r.region_id JOIN t_item i ON i.user_id = u.user_id GROUP BY r.name ORDER BY r.name",
            "SELECT i.item_id, o.amount, o.created_at FROM t_item i LEFT JOIN t_order o ON o.order_id = i.order_id WHERE i.item_id <= 12 ORDER BY i.item_id",
            "SELECT AVG(amount), SUM(amount), COUNT(amount) FROM t_order WHERE order_id IN (SELECT order_id FROM t_item)",
            "SELECT user_id, SUM(qty) AS q FROM t_item GROUP BY user_id HAVING SUM(qty) > 10 ORDER BY q DESC, user_id LIMIT 5",
            "SELECT t.user_id, t.n FROM (SELECT user_id, COUNT(*) AS n FROM t_item GROUP BY user_id) t WHERE t.n > 3 ORDER BY t.user_id",
            "SELECT o.status, i.sku FROM t_order o JOIN t_item i ON o.order_id = i.order_id WHERE o.status = 'new' AND i.item_id < 30 ORDER BY i.item_id",
            "SELECT AVG(qty), AVG(price), SUM(price), STDDEV_POP(qty), VAR_SAMP(price) FROM t_item WHERE order_id IN (SELECT order_id FROM t_order)",
            "SELECT ROUND(AVG(price), 2), ROUND(AVG(qty), 1), ROUND(SUM(price)) FROM t_item JOIN t_order USING (order_id, user_id)",
            "SELECT u.user_id, i.item_id FROM t_user u JOIN t_item i ON CAST(i.item_id AS CHAR) = CAST(u.user_id AS CHAR) ORDER BY 1",
            "SELECT y, SUM(n) FROM (SELECT y, status, COUNT(*) AS n FROM (SELECT YEAR(o.created_at) AS y, o.status FROM t_order o JOIN t_item i ON i.order_id = o.order_id) a GROUP BY y, status) b GROUP BY y ORDER BY y",
            // a correlated scalar subquery under ORDER BY … LIMIT offset: Calcite's SortJoinTransposeRule
            // pushed the offset into the decorrelated join's left input and kept it on top (no rows)
            "SELECT u.user_id, (SELECT COUNT(*) FROM t_order o WHERE o.user_id = u.user_id) AS orders FROM t_user u ORDER BY u.user_id LIMIT 5, 4",
            "SELECT u.user_id, (SELECT MAX(o.order_id) FROM t_order o WHERE o.user_id = u.user_id) AS m FROM t_user u ORDER BY u.user_id DESC LIMIT 3, 6",
    })
    void federatedStatementsMatchOneServer(String sql) throws Exception {
        Plan plan = planner.plan(sql, List.of());
        if (sql.contains("JOIN t_item") || sql.contains("UNION") || sql.contains("(SELECT")) {
            assertThat(PlanPrinter.print(plan)).as("planned as federated").contains("Federated");
        }
        List<List<String>> merged = TestRows.drain(executor.rows(plan));
        List<List<String>> single = TestRows.drain(MariaDb.query(fixture.single, sql));
        if (!sql.contains("ORDER BY")) {
            merged.sort(ROWS);
            single.sort(ROWS);
        }
        assertThat(merged).isEqualTo(single);
        assertThat(single).isNotEmpty();
    }

    @Test
    void caseInsensitiveFiltersAreEvaluatedByTheShards() throws Exception {
        Federated f = new Federated("orders", "SELECT COUNT(*) FROM t_item WHERE sku = 'sku-a'", List.of(), List.of("t_item"), "test");
        assertThat(TestRows.drain(executor.rows(f))).isEqualTo(MariaDb.rows(fixture.single, "SELECT COUNT(*) FROM t_item WHERE sku = 'sku-a'"));
    }

    @Test
    void parametersOfPreparedStatementsAreBound() throws Exception {
        String sql = "SELECT user_id FROM t_item WHERE item_id = ? UNION SELECT user_id FROM t_order WHERE order_id = ? ORDER BY 1";
        Federated f = new Federated("orders", sql, List.of(5, 7), List.of("t_item", "t_order"), "test");
        assertThat(TestRows.drain(executor.rows(f))).isEqualTo(MariaDb.rows(fixture.single,
                "SELECT user_id FROM t_item WHERE item_id = 5 UNION SELECT user_id FROM t_order WHERE order_id = 7 ORDER BY 1"));
    }

    @Test
    void columnTypesFollowMariaDb() throws Exception {
        String sql = "SELECT COUNT(DISTINCT status) AS c, SUM(amount), AVG(amount) FROM t_order WHERE order_id IN (SELECT order_id FROM t_item)";
        try (RowCursor merged = executor.rows(planner.plan(sql, List.of()));
             RowCursor single = MariaDb.query(fixture.single, sql)) {
            for (int i = 0; i < 3; i++) {
                assertThat(merged.columns().get(i).name()).isEqualTo(single.columns().get(i).name());
                assertThat(merged.columns().get(i).type()).as("column %d", i).isEqualTo(single.columns().get(i).type());
                assertThat(merged.columns().get(i).decimals()).as("column %d", i).isEqualTo(single.columns().get(i).decimals());
            }
        }
    }

    @Test
    void shardKeyFiltersArePushedDownAndPruneShards() throws Exception {
        fixture.executor.executed.clear();
        Federated f = new Federated("orders", "SELECT o.order_id, i.sku FROM t_order o JOIN t_item i ON o.order_id = i.order_id"
                + " WHERE o.user_id = 3 AND i.item_id IN (1, 2, 3)", List.of(), List.of("t_order", "t_item"), "test");
        TestRows.drain(executor.rows(f));
        List<String> sql = fixture.executor.executed.stream().map(PhysicalStatement::sql).filter(s -> !s.contains("LIMIT 0")).toList();
        // user_id = 3 → one node of t_order; item_id IN (1,2,3) → the nodes of those keys only.
        assertThat(sql.stream().filter(s -> s.contains("t_order"))).hasSize(1)
                .allMatch(s -> s.contains("WHERE (`user_id` = 3)"));
        assertThat(sql.stream().filter(s -> s.contains("t_item"))).hasSizeLessThanOrEqualTo(3)
                .allMatch(s -> s.contains("`item_id` = 1") && s.contains("`item_id` = 3"));
    }

    @Test
    void explainShowsFiltersAndProjectionsInTheScan() throws Exception {
        Federated f = new Federated("orders", "EXPLAIN PLAN FOR SELECT order_id FROM t_order WHERE user_id = 3 AND amount > 10",
                List.of(), List.of("t_order"), "test");
        String explain = String.join("\n", TestRows.drain(executor.rows(f)).stream().map(r -> r.get(0)).toList());
        assertThat(explain).contains("BindableTableScan").contains("filters=").contains("projects=");
    }

    @Test
    void whatCalciteCannotRunIsANamedError() {
        Federated f = new Federated("orders", "SELECT o.order_id FROM t_order o JOIN t_item i ON o.order_id = i.order_id"
                + " WHERE NO_SUCH_FUNCTION(i.sku) = 1", List.of(), List.of("t_order", "t_item"), "test");
        assertThatThrownBy(() -> TestRows.drain(executor.rows(f))).isInstanceOf(ShardingException.class)
                .hasMessageContaining("federated query").hasMessageContaining("NO_SUCH_FUNCTION");
    }

    @Test
    void stringEqualityBetweenColumnsFollowsTheCollation() throws Exception {
        String[] rows = {"(10, 'Alpha')", "(11, 'ALPHA')", "(12, 'alpha ')", "(13, 'Beta')", "(14, 'Älpha')"};
        for (String r : rows) {
            MariaDb.execute(fixture.single, "INSERT INTO t_region VALUES " + r);
            for (var n : fixture.nodes("t_region")) MariaDb.execute(fixture.dataSources.get(n.dataSource()), "INSERT INTO " + n.table() + " VALUES " + r);
        }
        try {
            for (String sql : List.of(
                    "SELECT a.region_id, b.region_id FROM t_region a JOIN t_region b ON a.name = b.name AND a.region_id < b.region_id ORDER BY 1, 2",
                    "SELECT a.region_id, b.region_id FROM t_region a, t_region b WHERE a.name = b.name AND a.region_id <> b.region_id ORDER BY 1, 2",
                    "SELECT a.region_id FROM t_region a JOIN t_region b ON a.name <> b.name AND b.region_id = 13 ORDER BY 1")) {
                Federated f = new Federated("orders", sql, List.of(), List.of("t_region"), "test");
                assertThat(TestRows.drain(executor.rows(f))).as(sql).isEqualTo(MariaDb.rows(fixture.single, sql));
            }
        } finally {
            MariaDb.execute(fixture.single, "DELETE FROM t_region WHERE region_id >= 10");
            for (var n : fixture.nodes("t_region")) MariaDb.execute(fixture.dataSources.get(n.dataSource()), "DELETE FROM " + n.table() + " WHERE region_id >= 10");
        }
    }

    @Test
    void microsecondColumnsAreRefusedNotTruncated() throws Exception {
        for (var n : fixture.nodes("t_region")) {
            MariaDb.execute(fixture.dataSources.get(n.dataSource()), "ALTER TABLE " + n.table() + " ADD COLUMN at6 DATETIME(6)");
        }
        try {
            Federated f = new Federated("orders", "SELECT r.at6 FROM t_region r JOIN t_item i ON i.qty = r.region_id",
                    List.of(), List.of("t_region", "t_item"), "test");
            assertThatThrownBy(() -> TestRows.drain(executor.rows(f))).isInstanceOf(ShardingException.class)
                    .hasMessageContaining("t_region.at6 with fractional seconds finer than milliseconds");
        } finally {
            for (var n : fixture.nodes("t_region")) {
                MariaDb.execute(fixture.dataSources.get(n.dataSource()), "ALTER TABLE " + n.table() + " DROP COLUMN at6");
            }
        }
    }

    @Test
    void rowsReadAreBounded() {
        PlanExecutor small = new PlanExecutor(fixture.executor, Federation.lazy(fixture.rules, 10), MergeSettings.DEFAULTS);
        Federated f = new Federated("orders", "SELECT COUNT(*) FROM t_item i JOIN t_order o ON o.order_id = i.order_id",
                List.of(), List.of("t_item", "t_order"), "test");
        assertThatThrownBy(() -> TestRows.drain(small.rows(f))).isInstanceOf(ShardingException.class)
                .hasMessageContaining("at most 10 shard rows")
                .satisfies(e -> assertThat(((ShardingException) e).getErrorCode()).isEqualTo(1114));
    }

    @Test
    void shardErrorsReadingMetadataComeBackUnchanged() {
        Federated f = new Federated("orders", "SELECT * FROM no_such_table", List.of(), List.of("no_such_table"), "test");
        assertThatThrownBy(() -> executor.rows(f)).isInstanceOf(java.sql.SQLException.class)
                .isNotInstanceOf(ShardingException.class)
                .satisfies(e -> assertThat(((java.sql.SQLException) e).getErrorCode()).isEqualTo(1146));
    }

    @Test
    void shardErrorsComeBackUnchanged() throws Exception {
        MariaDb.execute(fixture.dataSources.get("ds_1"), "RENAME TABLE t_item_1 TO t_item_1_moved");
        try {
            Federated f = new Federated("orders", "SELECT COUNT(*) FROM t_item", List.of(), List.of("t_item"), "test");
            assertThatThrownBy(() -> TestRows.drain(executor.rows(f))).isInstanceOf(java.sql.SQLException.class)
                    .satisfies(e -> assertThat(((java.sql.SQLException) e).getErrorCode()).isEqualTo(1146));
        } finally {
            MariaDb.execute(fixture.dataSources.get("ds_1"), "RENAME TABLE t_item_1_moved TO t_item_1");
        }
    }

    private static final Comparator<List<String>> ROWS = (a, b) -> String.valueOf(a).compareTo(String.valueOf(b));

    static List<String> copy(List<String> r) {
        return new ArrayList<>(r);
    }
}
