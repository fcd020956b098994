package io.dbmesh.sharding.merge;

import io.dbmesh.sharding.ShardingException;
import io.dbmesh.core.result.RowCursor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.dbmesh.sharding.merge.MergeAssertions.assertSameResult;
import static io.dbmesh.sharding.merge.AggregateFunction.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ORDER BY + LIMIT/OFFSET, DISTINCT and memory sorts merged from real shards versus one server. */
// needs the MariaDB at 127.0.0.1:3306 (README "Tests": -DexcludedGroups=mariadb runs the others without it)
@Tag("mariadb")
class SortDistinctLimitMariaDbTest {
    private static ShardedFixture fixture;

    @BeforeAll
    static void load() throws Exception {
        fixture = new ShardedFixture("merge_sort", 400);
    }

    @AfterAll
    static void close() throws Exception {
        fixture.close();
    }

    private static RowCursor mergeSorted(String shardSql, SortKey... keys) throws Exception {
        List<RowCursor> shards = fixture.scatter(shardSql);
        return new MergeSortCursor(shards, RowOrder.of(shards.get(0).columns(), List.of(keys)));
    }

    @Test
    void orderByCollationAndNumbersWithOffsetLimit() throws Exception {
        // LIMIT 7, 20 → each shard asked for LIMIT 27, merged, then the offset applied.
        String select = "SELECT s, d, id FROM t ORDER BY s DESC, d, id";
        RowCursor merged = new LimitCursor(mergeSorted(select + " LIMIT 27", new SortKey(0, true), new SortKey(1, false),
                new SortKey(2, false)), 7, 20);
        assertSameResult(merged, fixture.singleCursor(select + " LIMIT 7, 20"));
    }

    @Test
    void orderByTimeUnsignedAndDoubleWithNulls() throws Exception {
        for (String order : List.of("tm, id", "u DESC, id", "x, id", "dt3 DESC, id", "i, id", "f DESC, id")) {
            String select = "SELECT id, tm, u, x, dt3, i, f FROM t ORDER BY " + order;
            String[] parts = order.split(", ");
            int first = List.of("id", "tm", "u", "x", "dt3", "i", "f").indexOf(parts[0].split(" ")[0]);
            RowCursor merged = mergeSorted(select, new SortKey(first, parts[0].endsWith("DESC")), new SortKey(0, false));
            assertSameResult(merged, fixture.singleCursor(select));
        }
    }

    @Test
    void hiddenOrderByColumnIsDroppedAfterTheMerge() throws Exception {
        // SELECT id FROM t ORDER BY d: the rewriter appends d, the merge sorts on it, then hides it.
        RowCursor merged = new ProjectCursor(mergeSorted("SELECT id, d FROM t ORDER BY d DESC, id LIMIT 30",
                new SortKey(1, true), new SortKey(0, false)), 1);
        assertSameResult(new LimitCursor(merged, 0, 30), fixture.singleCursor("SELECT id FROM t ORDER BY d DESC, id LIMIT 30"));
    }

    @Test
    void distinctOverSortedShards() throws Exception {
        RowCursor merged = new DistinctCursor(mergeSorted("SELECT DISTINCT s, g FROM t ORDER BY s, g",
                new SortKey(0, false), new SortKey(1, false)), 0, true, Map.of(), 1000);
        assertSameResult(merged, fixture.singleCursor("SELECT DISTINCT s, g FROM t ORDER BY s, g"));
    }

    @Test
    void distinctInMemoryThenSortedByMemorySort() throws Exception {
        List<RowCursor> shards = fixture.scatter("SELECT DISTINCT k, g FROM t");
        RowCursor distinct = new DistinctCursor(new ConcatCursor(shards), 0, false, Map.of(), 1000);
        RowCursor sorted = new MemorySortCursor(distinct, RowOrder.of(distinct.columns(),
                List.of(new SortKey(1, true), new SortKey(0, false))), -1, 1000);
        assertSameResult(sorted, fixture.singleCursor("SELECT DISTINCT k, g FROM t ORDER BY g DESC, k"));
    }

    @Test
    void orderByAggregateUsesTopNMemorySort() throws Exception {
        List<RowCursor> shards = fixture.scatter("SELECT k, COUNT(*) AS c, SUM(d) FROM t GROUP BY k");
        RowCursor grouped = new MemoryGroupByCursor(new ConcatCursor(shards), List.of(0), List.of(GROUP_KEY, COUNT, SUM), Map.of(), 1000);
        RowCursor top = new LimitCursor(new MemorySortCursor(grouped, RowOrder.of(grouped.columns(),
                List.of(new SortKey(1, true), new SortKey(2, false))), 2 + 5, 1000), 2, 5);
        assertSameResult(top, fixture.singleCursor("SELECT k, COUNT(*) AS c, SUM(d) FROM t GROUP BY k ORDER BY c DESC, SUM(d) LIMIT 2, 5"));
    }

    @Test
    void memorySortAndDistinctFailClearlyBeyondTheirLimit() throws Exception {
        RowCursor sort = new MemorySortCursor(new ConcatCursor(fixture.scatter("SELECT id FROM t")),
                RowOrder.of(fixture.scatter("SELECT id FROM t LIMIT 0").get(0).columns(), List.of(new SortKey(0, true))), -1, 50);
        assertThatThrownBy(sort::next).isInstanceOf(ShardingException.class)
                .satisfies(e -> assertThat(((ShardingException) e).getErrorCode()).isEqualTo(1038));
        RowCursor distinct = new DistinctCursor(new ConcatCursor(fixture.scatter("SELECT id FROM t")), 0, false, Map.of(), 50);
        assertThatThrownBy(() -> TestRows.drain(distinct)).isInstanceOf(ShardingException.class)
                .satisfies(e -> assertThat(((ShardingException) e).getErrorCode()).isEqualTo(1114));
    }
}
