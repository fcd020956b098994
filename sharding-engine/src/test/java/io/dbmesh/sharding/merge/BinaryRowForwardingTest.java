package io.dbmesh.sharding.merge;

import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.ColumnType;
import io.dbmesh.core.result.RowCursor;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static io.dbmesh.sharding.merge.TestRows.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Merges that pass rows on unchanged (concatenation, merge sort) forward each shard's binary row,
 * but only when every shard describes its columns as the first does (the client decodes all rows
 * by the first shard's column definitions); other merges never do.
 */
class BinaryRowForwardingTest {
    private final List<Column> ints = List.of(col("id", ColumnType.LONG));
    private final List<Column> longs = List.of(col("id", ColumnType.LONGLONG));

    /** A shard's rows with a binary form: the value's text as the "binary row" (enough to tell them apart). */
    private static RowCursor binary(List<Column> columns, String... ids) {
        List<byte[][]> rows = new ArrayList<>();
        for (String id : ids) rows.add(row(java.util.Collections.nCopies(columns.size(), id).toArray(String[]::new))); // id in every column
        ListCursor rowsOf = new ListCursor(columns, rows);
        return new RowCursor() {
            @Override
            public List<Column> columns() {
                return rowsOf.columns();
            }

            @Override
            public boolean next() throws SQLException {
                return rowsOf.next();
            }

            @Override
            public byte[] value(int index) {
                return rowsOf.value(index);
            }

            @Override
            public byte[] binaryRow() {
                return ("bin" + new String(rowsOf.value(0))).getBytes();
            }

            @Override
            public void close() {
                rowsOf.close();
            }
        };
    }

    private static List<String> binaryRows(RowCursor c) throws SQLException {
        List<String> out = new ArrayList<>();
        while (c.next()) out.add(c.binaryRow() == null ? "text " + new String(c.value(0)) : new String(c.binaryRow()));
        return out;
    }

    @Test
    void concatenationAndMergeSortForwardTheShardsRows() throws SQLException {
        assertThat(binaryRows(new ConcatCursor(List.of(binary(ints, "1", "3"), binary(ints, "2")))))
                .containsExactly("bin1", "bin3", "bin2");
        List<RowCursor> shards = List.of(binary(ints, "1", "3"), binary(ints, "2"));
        assertThat(binaryRows(new MergeSortCursor(shards, RowOrder.of(ints, List.of(new SortKey(0, false))))))
                .containsExactly("bin1", "bin2", "bin3");
    }

    @Test
    void shardsThatDescribeColumnsDifferentlyGoThroughTheirValues() throws SQLException {
        assertThat(binaryRows(new ConcatCursor(List.of(binary(ints, "1"), binary(longs, "2")))))
                .containsExactly("text 1", "text 2");
    }

    @Test
    void aMergeAboveThatDropsColumnsDoesNotForward() throws SQLException {
        List<Column> withHidden = List.of(col("id", ColumnType.LONG), col("sort_key", ColumnType.LONG));
        RowCursor projected = new ProjectCursor(new ConcatCursor(List.of(binary(withHidden, "1"), binary(withHidden, "2"))), 1);
        assertThat(binaryRows(projected)).containsExactly("text 1", "text 2");
    }
}
