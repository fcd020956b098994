package io.dbmesh.sharding.merge;

import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.ColumnType;
import io.dbmesh.core.result.RowCursor;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static io.dbmesh.sharding.merge.TestRows.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one-input cursors of a merge share {@link io.dbmesh.core.result.ForwardingCursor}: each
 * passes its input's warning count on (what {@link RowCursor#warnings} asks of wrappers) and closes
 * its input. The shard results under a merge report none today (the session sums the shards'), so
 * this pins the contract, not a count a client sees.
 */
class ForwardingCursorsTest {
    private final List<Column> columns = List.of(col("id", ColumnType.LONG), col("hidden", ColumnType.LONG));

    @Test
    void everyOneInputMergeCursorForwardsWarningsAndClose() throws Exception {
        Map<String, Function<RowCursor, RowCursor>> wrappers = new LinkedHashMap<>();
        wrappers.put("LIMIT", in -> new LimitCursor(in, 0, 1));
        wrappers.put("HAVING", in -> new HavingCursor(in, new HavingCondition.IsNull(new HavingCondition.ColumnRef(0), true)));
        wrappers.put("projection", in -> new ProjectCursor(in, 1));
        wrappers.put("DISTINCT", in -> new DistinctCursor(in, 1, false, Map.of(), 100));
        for (var wrapper : wrappers.entrySet()) {
            CountingCursor input = new CountingCursor(cursor(columns, row("1", "a"), row("2", "b")));
            input.warnings = 3;
            RowCursor wrapped = wrapper.getValue().apply(input);
            assertThat(drain(wrapped)).as(wrapper.getKey()).isNotEmpty();
            assertThat(wrapped.warnings()).as(wrapper.getKey() + " warnings").isEqualTo(3);
            assertThat(input.closed).as(wrapper.getKey() + " closes its input").isTrue();
        }
    }

    @Test
    void aWrapperChangesOnlyWhatItOverrides() throws Exception {
        CountingCursor input = new CountingCursor(cursor(columns, row("1", "a")));
        ProjectCursor p = new ProjectCursor(input, 1);
        assertThat(p.columns()).extracting(Column::name).containsExactly("id");
        assertThat(p.next()).isTrue();
        assertThat(new String(p.value(0))).isEqualTo("1");
        assertThat(input.rowsRead).isEqualTo(1);
        assertThat(p.next()).isFalse();
        p.close();
        assertThat(input.closed).isTrue();
    }
}
