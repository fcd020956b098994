package io.dbmesh.sharding.merge;

import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.ForwardingCursor;
import io.dbmesh.core.result.RowCursor;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SELECT DISTINCT over merged shard rows: a row is dropped when its compared columns (all but the
 * trailing hidden ones) equal an earlier row's by MariaDB's comparison ('a' = 'A ' under a _ci
 * collation, 1.50 = 1.5). With input sorted on those columns only the previous row is kept;
 * otherwise the keys of rows seen so far are, bounded by {@code maxRows}. Rows stream out as soon as
 * they are known to be new; the first of equal rows wins.
 */
public final class DistinctCursor extends ForwardingCursor {
    private final int compared;
    private final boolean sortedInput;
    private final long maxRows;
    private final ValueComparator[] comparators;
    private final Set<List<ValueKey>> seen = new HashSet<>();
    private byte[][] previous;

    public DistinctCursor(RowCursor input, int hiddenColumns, boolean sortedInput, Map<Integer, Collation> collations,
                          long maxRows) {
        super(input);
        this.compared = input.columns().size() - hiddenColumns;
        this.sortedInput = sortedInput;
        this.maxRows = maxRows;
        this.comparators = new ValueComparator[compared];
        for (int i = 0; i < compared; i++) comparators[i] = ValueComparator.forColumn(input.columns().get(i), collations.get(i));
    }

    @Override
    public boolean next() throws SQLException {
        while (input.next()) {
            if (sortedInput ? isNewSorted() : isNewInMemory()) return true;
        }
        input.close();
        return false;
    }

    private boolean isNewSorted() {
        if (previous != null && equalsPrevious()) return false;
        previous = new byte[compared][];
        for (int i = 0; i < compared; i++) {
            byte[] v = input.value(i);
            previous[i] = v == null ? null : v.clone();
        }
        return true;
    }

    private boolean equalsPrevious() {
        for (int i = 0; i < compared; i++) if (comparators[i].compare(previous[i], input.value(i)) != 0) return false;
        return true;
    }

    private boolean isNewInMemory() throws SQLException {
        List<ValueKey> key = new ArrayList<>(compared);
        for (int i = 0; i < compared; i++) key.add(new ValueKey(comparators[i].key(input.value(i))));
        if (!seen.add(key)) return false;
        if (seen.size() > maxRows) throw MergeLimitExceeded.groups("DISTINCT", maxRows);
        return true;
    }

    @Override
    public void close() {
        seen.clear();
        input.close();
    }
}
