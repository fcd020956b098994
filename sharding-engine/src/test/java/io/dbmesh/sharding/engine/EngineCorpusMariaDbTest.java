package io.dbmesh.sharding.engine;

import io.dbmesh.sharding.merge.MariaDb;
import io.dbmesh.sharding.merge.TestRows;
import io.dbmesh.sharding.plan.Plan;
import io.dbmesh.sharding.plan.PlanPrinter;
import io.dbmesh.sharding.plan.ShardingPlanner;
import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.RowCursor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The planner and the merge together: every statement of {@code merge/engine_corpus.sql} planned by
 * {@link ShardingPlanner}, run by {@link PlanExecutor} over two real data sources, must return the
 * rows and column names one MariaDB returns.
 */
// needs the MariaDB at 127.0.0.1:3306 (README "Tests": -DexcludedGroups=mariadb runs the others without it)
@Tag("mariadb")
class EngineCorpusMariaDbTest {
    @RegisterExtension
    static final OrdersEngine engine = new OrdersEngine();

    static Stream<String> corpus() throws IOException {
        try (InputStream in = EngineCorpusMariaDbTest.class.getResourceAsStream("/merge/engine_corpus.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("--")).toList().stream();
        }
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> prepared() {
        return Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("SELECT * FROM t_order WHERE user_id = ? ORDER BY order_id", List.of(7L)),
                org.junit.jupiter.params.provider.Arguments.of("SELECT name FROM t_user WHERE user_id IN (?, ?, ?) ORDER BY user_id", List.of(1, 2L, "3")),
                org.junit.jupiter.params.provider.Arguments.of("SELECT order_id FROM t_order WHERE amount > ? ORDER BY amount DESC, order_id LIMIT ?, ?",
                        List.of(new java.math.BigDecimal("100.50"), 2, 5)),
                org.junit.jupiter.params.provider.Arguments.of("SELECT status, COUNT(*) FROM t_order WHERE created_at < ? GROUP BY status ORDER BY status",
                        List.of("2024-06-01 00:00:00")),
                org.junit.jupiter.params.provider.Arguments.of("SELECT o.order_id, i.sku FROM t_order o JOIN t_item i ON o.order_id = i.order_id WHERE o.user_id = ? ORDER BY i.item_id",
                        List.of(5L)),
                org.junit.jupiter.params.provider.Arguments.of("SELECT user_id FROM t_user WHERE user_id < ? UNION SELECT user_id FROM t_item WHERE qty = ? ORDER BY user_id",
                        List.of(6, 5)),
                org.junit.jupiter.params.provider.Arguments.of("SELECT COUNT(*), SUM(amount) FROM t_order WHERE user_id BETWEEN ? AND ?", List.of(3, 12)));
    }

    @ParameterizedTest
    @MethodSource("prepared")
    void preparedStatementsAnswerLikeOneServer(String sql, List<Object> parameters) throws Exception {
        Plan plan = engine.planner.plan(sql, parameters);
        List<List<String>> merged = TestRows.drain(engine.executor.rows(plan));
        List<List<String>> single = new ArrayList<>();
        try (java.sql.PreparedStatement ps = engine.fixture.single().prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) ps.setObject(i + 1, parameters.get(i));
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int c = 1; c <= n; c++) row.add(rs.getString(c));
                    single.add(row);
                }
            }
        }
        assertThat(merged).as("%s %s planned as%n%s", sql, parameters, PlanPrinter.print(plan)).isEqualTo(single);
        assertThat(single).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void answersLikeOneServer(String sql) throws Exception {
        Plan plan = engine.planner.plan(sql, List.of());
        List<String> mergedNames = new ArrayList<>(), singleNames = new ArrayList<>();
        List<List<String>> merged, single;
        try (RowCursor c = engine.executor.rows(plan)) {
            for (Column col : c.columns()) mergedNames.add(col.name());
            merged = TestRows.drain(c);
        }
        try (RowCursor c = MariaDb.query(engine.fixture.single(), sql)) {
            for (Column col : c.columns()) singleNames.add(col.name());
            single = TestRows.drain(c);
        }
        if (!sql.contains("ORDER BY")) {
            merged.sort(Comparator.comparing(String::valueOf));
            single.sort(Comparator.comparing(String::valueOf));
        }
        String described = PlanPrinter.print(plan);
        assertThat(merged).as("rows of %s planned as%n%s", sql, described).isEqualTo(single);
        assertThat(mergedNames).as("column names, plan%n%s", described).isEqualTo(singleNames);
    }
}
