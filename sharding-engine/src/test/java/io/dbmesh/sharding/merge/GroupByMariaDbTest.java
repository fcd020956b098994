package io.dbmesh.sharding.merge;

import io.dbmesh.core.result.RowCursor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.dbmesh.sharding.merge.MergeAssertions.assertSameResult;
import static io.dbmesh.sharding.merge.AggregateFunction.*;

/**
 * Aggregates merged from three real MariaDB shards must equal, byte for byte and in metadata, the
 * same aggregate over one table holding all rows. The shard SQL is what the rewriter produces:
 * AVG(x) kept for its metadata plus hidden SUM(x), COUNT(x) columns at the end.
 */
// needs the MariaDB at 127.0.0.1:3306 (README "Tests": -DexcludedGroups=mariadb runs the others without it)
@Tag("mariadb")
class GroupByMariaDbTest {
    private static ShardedFixture fixture;

    static final String SELECT = "g, COUNT(*), COUNT(i), SUM(i), AVG(i), SUM(d), AVG(d), MIN(s), MAX(s), MIN(dt), MAX(tm),"
            + " SUM(u), AVG(u), SUM(f), AVG(f), SUM(x), AVG(x), MIN(x), MAX(dt3), MIN(u), MAX(d), AVG(k)";
    static final String HIDDEN = "SUM(i), COUNT(i), SUM(d), COUNT(d), SUM(u), COUNT(u), SUM(f), COUNT(f), SUM(x), COUNT(x), SUM(k), COUNT(k)";
    static final int VISIBLE = 22;

    static List<AggregateFunction> functions() {
        List<AggregateFunction> f = new ArrayList<>(List.of(GROUP_KEY, COUNT, COUNT, SUM, avg(22, 23), SUM, avg(24, 25),
                MIN, MAX, MIN, MAX, SUM, avg(26, 27), SUM, avg(28, 29), SUM, avg(30, 31), MIN, MAX, MIN, MAX, avg(32, 33)));
        for (int i = 0; i < 6; i++) {
            f.add(SUM);
            f.add(COUNT);
        }
        return f;
    }

    @BeforeAll
    static void load() throws Exception {
        fixture = new ShardedFixture("merge_agg", 600);
    }

    @AfterAll
    static void close() throws Exception {
        fixture.close();
    }

    @Test
    void streamGroupByOverShardsSortedByGroupKey() throws Exception {
        List<RowCursor> shards = fixture.scatter("SELECT " + SELECT + ", " + HIDDEN + " FROM t GROUP BY g ORDER BY g");
        RowCursor sorted = new MergeSortCursor(shards, RowOrder.of(shards.get(0).columns(), List.of(new SortKey(0, false))));
        RowCursor merged = new ProjectCursor(new StreamGroupByCursor(sorted, List.of(0), functions(), Map.of()), 12);
        assertSameResult(merged, fixture.singleCursor("SELECT " + SELECT + " FROM t GROUP BY g ORDER BY g"));
    }

    @Test
    void memoryGroupByOverUnsortedShards() throws Exception {
        List<RowCursor> shards = fixture.scatter("SELECT " + SELECT + ", " + HIDDEN + " FROM t GROUP BY g ORDER BY NULL");
        RowCursor merged = new ProjectCursor(new MemoryGroupByCursor(new ConcatCursor(shards), List.of(0), functions(),
                Map.of(), 10_000), 12);
        assertSameResult(merged, fixture.singleCursor("SELECT " + SELECT + " FROM t GROUP BY g ORDER BY g"));
    }

    @Test
    void groupByTwoKeysIncludingAnInteger() throws Exception {
        String select = "g, k, COUNT(*), SUM(d), MAX(s), AVG(x)";
        List<AggregateFunction> f = List.of(GROUP_KEY, GROUP_KEY, COUNT, SUM, MAX, avg(6, 7), SUM, COUNT);
        List<RowCursor> shards = fixture.scatter("SELECT " + select + ", SUM(x), COUNT(x) FROM t GROUP BY g, k ORDER BY g, k");
        RowCursor sorted = new MergeSortCursor(shards, RowOrder.of(shards.get(0).columns(),
                List.of(new SortKey(0, false), new SortKey(1, false))));
        RowCursor merged = new ProjectCursor(new StreamGroupByCursor(sorted, List.of(0, 1), f, Map.of()), 2);
        assertSameResult(merged, fixture.singleCursor("SELECT " + select + " FROM t GROUP BY g, k ORDER BY g, k"));
    }

    @Test
    void aggregateWithoutGroupBy() throws Exception {
        String select = SELECT.substring(3); // no g
        List<AggregateFunction> f = new ArrayList<>(functions().subList(1, functions().size()));
        f.replaceAll(a -> a.kind() == AggregateFunction.Kind.AVG ? avg(a.sumColumn() - 1, a.countColumn() - 1) : a);
        List<RowCursor> shards = fixture.scatter("SELECT " + select + ", " + HIDDEN + " FROM t");
        RowCursor merged = new ProjectCursor(new StreamGroupByCursor(new ConcatCursor(shards), List.of(), f, Map.of()), 12);
        assertSameResult(merged, fixture.singleCursor("SELECT " + select + " FROM t"));
    }

    @Test
    void aggregateOfNoRowsIsOneRowOfZeroAndNulls() throws Exception {
        String select = "COUNT(*), SUM(d), AVG(d), MIN(s), COUNT(x)";
        List<AggregateFunction> f = List.of(COUNT, SUM, avg(5, 6), MIN, COUNT, SUM, COUNT);
        List<RowCursor> shards = fixture.scatter("SELECT " + select + ", SUM(d), COUNT(d) FROM t WHERE id < 0");
        RowCursor merged = new ProjectCursor(new StreamGroupByCursor(new ConcatCursor(shards), List.of(), f, Map.of()), 2);
        assertSameResult(merged, fixture.singleCursor("SELECT " + select + " FROM t WHERE id < 0"));
    }

    @Test
    void countDistinctFromGroupedDistinctValues() throws Exception {
        // COUNT(DISTINCT s): shards return the distinct (g, s) pairs; equal s on several shards count once.
        List<RowCursor> shards = fixture.scatter("SELECT g, s AS `COUNT(DISTINCT s)`, COUNT(*) FROM t GROUP BY g, s ORDER BY g, s");
        RowCursor sorted = new MergeSortCursor(shards, RowOrder.of(shards.get(0).columns(),
                List.of(new SortKey(0, false), new SortKey(1, false))));
        RowCursor merged = new StreamGroupByCursor(sorted, List.of(0), List.of(GROUP_KEY, COUNT_DISTINCT, COUNT), Map.of());
        assertSameResult(merged, fixture.singleCursor("SELECT g, COUNT(DISTINCT s), COUNT(*) FROM t GROUP BY g ORDER BY g"));
    }
}
