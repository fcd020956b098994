package io.dbmesh.sharding.merge;

import io.dbmesh.sharding.ShardingException;
import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.ColumnType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.dbmesh.sharding.merge.TestRows.*;
import static io.dbmesh.sharding.merge.AggregateFunction.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupByCursorTest {
    private final List<Column> columns = List.of(text("g", 45), col("cnt", ColumnType.LONGLONG),
            col("total", ColumnType.NEWDECIMAL, 0, 2, 36), col("mx", ColumnType.TIME));
    private final List<AggregateFunction> functions = List.of(GROUP_KEY, COUNT, SUM, MAX);

    @Test
    void memoryGroupByMergesCollationEqualKeysAndOrdersGroups() throws Exception {
        ListCursor partials = cursor(columns,
                row("b", "2", "1.50", "-10:00:00"),
                row("A", "1", "2.25", "09:00:00"),
                row(null, "4", null, null),
                row("a ", "3", "-0.75", "100:00:00"),
                row("B", "5", null, "-09:00:00"));
        List<List<String>> out = drain(new MemoryGroupByCursor(partials, List.of(0), functions, Map.of(), 100));
        assertThat(out).containsExactly(
                java.util.Arrays.asList(null, "4", null, null),
                List.of("A", "4", "1.50", "100:00:00"),
                List.of("b", "7", "1.50", "-09:00:00"));
    }

    @Test
    void streamGroupByEmitsEachGroupWhenTheNextStarts() throws Exception {
        CountingCursor partials = new CountingCursor(cursor(columns,
                row("a", "1", "1.00", null), row("A", "2", "2.00", null), row("b", "1", "3.00", "01:00:00")));
        StreamGroupByCursor grouped = new StreamGroupByCursor(partials, List.of(0), functions, Map.of());
        assertThat(grouped.next()).isTrue();
        assertThat(new String(grouped.value(2))).isEqualTo("3.00");
        assertThat(partials.rowsRead).isEqualTo(3); // read one row into the next group, no further
        assertThat(grouped.next()).isTrue();
        assertThat(grouped.next()).isFalse();
    }

    @Test
    void memoryGroupByFailsClearlyBeyondItsLimit() {
        List<byte[][]> rows = new ArrayList<>();
        for (int i = 0; i < 50; i++) rows.add(row("g" + i, "1", "1.00", null));
        MemoryGroupByCursor grouped = new MemoryGroupByCursor(new ListCursor(columns, rows), List.of(0), functions, Map.of(), 10);
        assertThatThrownBy(grouped::next).isInstanceOf(ShardingException.class)
                .hasMessageContaining("at most 10 rows")
                .satisfies(e -> assertThat(((ShardingException) e).getErrorCode()).isEqualTo(1114));
    }

    @Test
    void countDistinctCountsEqualValuesFromSeveralShardsOnce() throws Exception {
        List<Column> cols = List.of(text("g", 45), text("v", 45));
        ListCursor partials = cursor(cols, row("x", "apple"), row("x", "APPLE"), row("x", null), row("x", "pear"),
                row("y", "é"), row("y", "e"));
        List<List<String>> out = drain(new StreamGroupByCursor(partials, List.of(0), List.of(GROUP_KEY, COUNT_DISTINCT), Map.of()));
        assertThat(out).containsExactly(List.of("x", "2"), List.of("y", "1"));
    }
}
