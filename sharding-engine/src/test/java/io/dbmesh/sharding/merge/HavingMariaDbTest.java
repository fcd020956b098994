package io.dbmesh.sharding.merge;

import io.dbmesh.core.result.RowCursor;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static io.dbmesh.sharding.merge.MergeAssertions.assertSameResult;
import static io.dbmesh.sharding.merge.AggregateFunction.*;
import static org.assertj.core.api.Assertions.assertThat;

/** HAVING evaluated after the merge must keep exactly the groups one server keeps. */
// needs the MariaDB at 127.0.0.1:3306 (README "Tests": -DexcludedGroups=mariadb runs the others without it)
@Tag("mariadb")
class HavingMariaDbTest {
    private static ShardedFixture fixture;
    static final String SELECT = "g, k, COUNT(*) AS cnt, SUM(d), AVG(x), MAX(s), MIN(dt), MAX(tm), SUM(f)";
    static final Map<String, Integer> COLUMNS = Map.of("g", 0, "k", 1, "COUNT(*)", 2, "cnt", 2, "SUM(d)", 3, "AVG(x)", 4,
            "MAX(s)", 5, "MIN(dt)", 6, "MAX(tm)", 7, "SUM(f)", 8);
    static final List<AggregateFunction> FUNCTIONS = List.of(GROUP_KEY, GROUP_KEY, COUNT, SUM, avg(9, 10), MAX, MIN, MAX, SUM,
            SUM, COUNT);

    @BeforeAll
    static void load() throws Exception {
        fixture = new ShardedFixture("merge_having", 500);
    }

    @AfterAll
    static void close() throws Exception {
        fixture.close();
    }

    static HavingCompiler compiler(List<io.dbmesh.core.result.Column> columns) {
        return new HavingCompiler(columns, e -> COLUMNS.get(e.toString()), Map.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"COUNT(*) > 5", "cnt >= 6 AND SUM(d) < 0", "NOT (cnt < 6) OR g IS NULL", "AVG(x) > 100.5",
            "SUM(d) BETWEEN -5000 AND 5000", "MAX(s) = 'ZEBRA'", "MAX(s) > 'm'", "MIN(dt) < '2024-03-01'",
            "MIN(dt) >= '2024-02-01 12:00:00'", "MAX(tm) > '-10:00:00'", "MAX(tm) < '50:00:00'", "g IN ('alpha', 'BETA')",
            "k NOT IN (1, 2, 3) AND AVG(x) IS NOT NULL", "SUM(f) > '100'", "cnt", "AVG(x) > NULL OR cnt = 7",
            "SUM(d) <> 0 AND NOT g = 'gamma'", "10 < cnt", "SUM(f) >= 1e2", "AVG(x) < -2.5e1"})
    void havingMatchesOneServer(String having) throws Exception {
        List<RowCursor> shards = fixture.scatter("SELECT " + SELECT + ", SUM(x), COUNT(x) FROM t GROUP BY g, k ORDER BY g, k");
        RowCursor sorted = new MergeSortCursor(shards, RowOrder.of(shards.get(0).columns(),
                List.of(new SortKey(0, false), new SortKey(1, false))));
        RowCursor grouped = new StreamGroupByCursor(sorted, List.of(0, 1), FUNCTIONS, Map.of());
        Expression expression = CCJSqlParserUtil.parseCondExpression(having);
        HavingCompiler compiler = compiler(grouped.columns());
        assertThat(compiler.canEvaluate(expression)).isTrue();
        RowCursor merged = new ProjectCursor(new HavingCursor(grouped, compiler.compile(expression)), 2);
        assertSameResult(merged, fixture.singleCursor("SELECT " + SELECT + " FROM t GROUP BY g, k HAVING " + having + " ORDER BY g, k"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SUM(d) / COUNT(*) > 2", "UPPER(g) = 'A'", "MAX(s) > 5", "AVG(i) > 3", "cnt > (SELECT 1)",
            "g LIKE 'a%'", "MIN(dt) > '2024/01/01'", "MAX(s)"})
    void refusesWhatItCannotEvaluateAtPlanTime(String having) throws Exception {
        List<RowCursor> shards = fixture.scatter("SELECT " + SELECT + ", SUM(x), COUNT(x) FROM t GROUP BY g, k ORDER BY g, k");
        HavingCompiler compiler = compiler(shards.get(0).columns());
        Expression expression = CCJSqlParserUtil.parseCondExpression(having);
        assertThat(compiler.canEvaluate(expression)).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> compiler.compile(expression))
                .hasMessageContaining("doesn't yet support 'HAVING condition");
        for (RowCursor c : shards) c.close();
    }
}
