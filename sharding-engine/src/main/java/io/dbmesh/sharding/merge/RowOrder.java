package io.dbmesh.sharding.merge;

import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.RowCursor;

import java.util.List;
import java.util.Map;

/**
 * An ORDER BY over rows of known columns: the keys in order, each with its column's MariaDB
 * comparison, descending keys reversed (so NULLs sort first ascending and last descending, like
 * MySQL). Compares the current rows of two cursors (streaming merges) or two copied rows.
 */
public final class RowOrder {
    private final int[] indexes;
    private final boolean[] descending;
    private final ValueComparator[] comparators;

    private RowOrder(int[] indexes, boolean[] descending, ValueComparator[] comparators) {
        this.indexes = indexes;
        this.descending = descending;
        this.comparators = comparators;
    }

    public static RowOrder of(List<Column> columns, List<SortKey> keys) {
        return of(columns, keys, Map.of());
    }

    /**
     * @param collations real collations of character columns by resolved column index, where the
     *                   planner knows them (result metadata only carries the connection's default)
     */
    public static RowOrder of(List<Column> columns, List<SortKey> keys, Map<Integer, Collation> collations) {
        int n = keys.size();
        int[] indexes = new int[n];
        boolean[] descending = new boolean[n];
        ValueComparator[] comparators = new ValueComparator[n];
        for (int i = 0; i < n; i++) {
            int index = keys.get(i).index(columns.size());
            if (index < 0 || index >= columns.size()) {
                throw new IllegalArgumentException("sort key " + keys.get(i) + " outside " + columns.size() + " columns");
            }
            indexes[i] = index;
            descending[i] = keys.get(i).descending();
            comparators[i] = ValueComparator.forColumn(columns.get(index), collations.get(index));
        }
        return new RowOrder(indexes, descending, comparators);
    }

    /** Compares the current rows of two cursors. */
    public int compare(RowCursor a, RowCursor b) {
        for (int i = 0; i < indexes.length; i++) {
            int c = comparators[i].compare(a.value(indexes[i]), b.value(indexes[i]));
            if (c != 0) return descending[i] ? -c : c;
        }
        return 0;
    }

    /** The current row's sort-key values, in key order (read once, compared many times). */
    public byte[][] keysOf(RowCursor row) {
        byte[][] keys = new byte[indexes.length][];
        for (int i = 0; i < indexes.length; i++) keys[i] = row.value(indexes[i]);
        return keys;
    }

    /** Compares two results of {@link #keysOf}. */
    public int compareKeys(byte[][] a, byte[][] b) {
        for (int i = 0; i < comparators.length; i++) {
            int c = comparators[i].compare(a[i], b[i]);
            if (c != 0) return descending[i] ? -c : c;
        }
        return 0;
    }

    /** Compares two copied rows. */
    public int compare(byte[][] a, byte[][] b) {
        for (int i = 0; i < indexes.length; i++) {
            int c = comparators[i].compare(a[indexes[i]], b[indexes[i]]);
            if (c != 0) return descending[i] ? -c : c;
        }
        return 0;
    }
}
