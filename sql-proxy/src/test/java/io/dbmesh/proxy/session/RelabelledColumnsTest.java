package io.dbmesh.proxy.session;

import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.ColumnType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The same list relabelled again is the list made before; another list or database is relabelled anew. */
class RelabelledColumnsTest {
    private final RelabelledColumns memo = new RelabelledColumns();
    private final AtomicInteger calls = new AtomicInteger();

    private List<Column> relabel(List<Column> in) {
        calls.incrementAndGet();
        return in.stream().map(c -> c.withSchema("logical")).toList();
    }

    private static List<Column> columns(String schema) {
        return List.of(new Column(schema, "t", "t_0", "c", "c", 45, 120, ColumnType.STRING, 0, 0));
    }

    @Test
    void sameListAndDatabaseAnswersTheSameList() {
        List<Column> in = columns("ds_0");
        LogicalDatabase db = null;
        List<Column> first = memo.of(in, db, this::relabel);
        assertThat(memo.of(in, db, this::relabel)).isSameAs(first);
        assertThat(first.get(0).schema()).isEqualTo("logical");
        assertThat(calls).hasValue(1);
        // an equal list but another instance (a text result's new columns) is relabelled again
        assertThat(memo.of(columns("ds_0"), db, this::relabel)).isEqualTo(first);
        assertThat(calls).hasValue(2);
    }

    @Test
    void moreShapesThanKeptStayRight() {
        List<List<Column>> lists = new ArrayList<>();
        for (int i = 0; i < RelabelledColumns.KEPT * 2; i++) lists.add(columns("ds_" + i));
        for (int round = 0; round < 2; round++) {
            for (List<Column> in : lists) assertThat(memo.of(in, null, this::relabel).get(0).schema()).isEqualTo("logical");
        }
        assertThat(calls).hasValue(RelabelledColumns.KEPT * 4);
    }
}
