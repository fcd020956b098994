package io.dbmesh.sharding.merge;

import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.ColumnType;
import io.dbmesh.core.result.RowCursor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.dbmesh.sharding.merge.TestRows.*;
import static org.assertj.core.api.Assertions.assertThat;

class MergeSortCursorTest {
    private final List<Column> columns = List.of(text("name", 45), col("id", ColumnType.LONGLONG));

    @Test
    void mergesShardsSortedByCollationThenNumberDescending() throws Exception {
        // ORDER BY name, id DESC — each shard already sorted that way (general_ci: 'a' = 'A', NULL first).
        RowCursor s0 = cursor(columns, row(null, "5"), row("a", "10"), row("B", "3"), row("b", "1"));
        RowCursor s1 = cursor(columns, row("A", "9"), row("ä", "2"), row("c", "7"));
        RowCursor s2 = cursor(columns, row(null, "6"), row("b", "4"));
        RowOrder order = RowOrder.of(columns, List.of(new SortKey(0, false), new SortKey(1, true)));
        List<List<String>> out = drain(new MergeSortCursor(List.of(s0, s1, s2), order));
        assertThat(out).extracting(r -> r.get(1)).containsExactly("6", "5", "10", "9", "2", "4", "3", "1", "7");
    }

    @Test
    void numericKeysCompareAsNumbersNotText() throws Exception {
        List<Column> cols = List.of(col("n", ColumnType.NEWDECIMAL));
        RowCursor s0 = cursor(cols, row("-10.5"), row("2"), row("100"));
        RowCursor s1 = cursor(cols, row("-9"), row("10.25"));
        List<List<String>> out = drain(new MergeSortCursor(List.of(s0, s1), RowOrder.of(cols, List.of(new SortKey(0, false)))));
        assertThat(out).extracting(r -> r.get(0)).containsExactly("-10.5", "-9", "2", "10.25", "100");
    }

    @Test
    void readsEachShardOnlyOneRowAhead() throws Exception {
        List<CountingCursor> shards = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            List<byte[][]> rows = new ArrayList<>();
            for (int i = 0; i < 1000; i++) rows.add(row("x", Integer.toString(i * 3 + s)));
            shards.add(new CountingCursor(new ListCursor(columns, rows)));
        }
        MergeSortCursor merge = new MergeSortCursor(List.copyOf(shards), RowOrder.of(columns, List.of(new SortKey(1, false))));
        for (int i = 0; i < 10; i++) assertThat(merge.next()).isTrue();
        assertThat(new String(merge.value(1))).isEqualTo("9");
        // 10 rows consumed over 3 shards: no shard was read more than one row past what was merged.
        assertThat(shards.stream().mapToInt(c -> c.rowsRead).sum()).isLessThanOrEqualTo(10 + 3);
        merge.close();
        assertThat(shards).allMatch(c -> c.closed);
    }

    @Test
    void negativeSortIndexCountsFromTheEnd() throws Exception {
        RowCursor s0 = cursor(columns, row("z", "1"), row("a", "3"));
        RowCursor s1 = cursor(columns, row("m", "2"));
        List<List<String>> out = drain(new MergeSortCursor(List.of(s0, s1), RowOrder.of(columns, List.of(new SortKey(-1, false)))));
        assertThat(out).extracting(r -> r.get(0)).containsExactly("z", "m", "a");
    }
}
