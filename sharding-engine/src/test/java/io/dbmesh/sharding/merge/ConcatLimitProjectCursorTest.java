package io.dbmesh.sharding.merge;

import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.ColumnType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.dbmesh.sharding.merge.TestRows.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConcatLimitProjectCursorTest {
    private final List<Column> columns = List.of(col("id", ColumnType.LONG), col("hidden", ColumnType.LONG));

    @Test
    void concatReadsShardsInOrderAndClosesEachWhenDone() throws Exception {
        CountingCursor a = new CountingCursor(cursor(columns, row("1", "x"), row("2", "x")));
        CountingCursor empty = new CountingCursor(cursor(columns));
        CountingCursor c = new CountingCursor(cursor(columns, row("3", "x")));
        ConcatCursor concat = new ConcatCursor(List.of(a, empty, c));
        assertThat(concat.next()).isTrue();
        assertThat(concat.next()).isTrue();
        assertThat(concat.next()).isTrue();
        assertThat(a.closed).isTrue();
        assertThat(empty.closed).isTrue();
        assertThat(new String(concat.value(0))).isEqualTo("3");
        assertThat(concat.next()).isFalse();
        assertThat(c.closed).isTrue();
    }

    @Test
    void limitSkipsOffsetPassesCountAndClosesEarly() throws Exception {
        CountingCursor input = new CountingCursor(cursor(columns, row("1", "a"), row("2", "b"), row("3", "c"),
                row("4", "d"), row("5", "e")));
        assertThat(drain(new LimitCursor(input, 1, 2))).extracting(r -> r.get(0)).containsExactly("2", "3");
        assertThat(input.rowsRead).isEqualTo(3);
        assertThat(input.closed).isTrue();
    }

    @Test
    void limitEdgeCases() throws Exception {
        assertThat(drain(new LimitCursor(cursor(columns, row("1", "a")), 5, 10))).isEmpty();
        assertThat(drain(new LimitCursor(cursor(columns, row("1", "a"), row("2", "b")), 0, 0))).isEmpty();
        assertThat(drain(new LimitCursor(cursor(columns, row("1", "a"), row("2", "b")), 1, -1))).hasSize(1);
    }

    @Test
    void projectHidesTrailingColumns() throws Exception {
        ProjectCursor p = new ProjectCursor(cursor(columns, row("1", "secret")), 1);
        assertThat(p.columns()).extracting(Column::name).containsExactly("id");
        assertThat(drain(p)).containsExactly(List.of("1"));
        assertThatThrownBy(() -> new ProjectCursor(cursor(columns), 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
