package io.dbmesh.sharding.merge;

import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.RowCursor;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * GROUP BY over partial rows that arrive sorted by the group columns (a {@link MergeSortCursor}
 * of shard queries ordered by them): rows of one group are adjacent, so each group is combined and
 * emitted as soon as the next group starts. Memory: one group (with COUNT_DISTINCT, its distinct
 * values, bounded by {@code maxRows}). With no group columns the whole
 * input is one group, and an empty input still yields one row (COUNT 0, others NULL), like MySQL.
 */
public final class StreamGroupByCursor implements RowCursor {
    private final RowCursor input;
    private final int[] groupBy;
    private final ValueComparator[] keyComparators;
    private final List<AggregateFunction> functions;
    private final Map<Integer, Collation> collations;
    private final List<Column> outputColumns;
    private final long maxRows;
    private byte[][] keyOfCurrentInput;
    private boolean started, inputHasRow, emittedAny;
    private byte[][] current;

    public StreamGroupByCursor(RowCursor input, List<Integer> groupBy, List<AggregateFunction> functions,
                               Map<Integer, Collation> collations) {
        this(input, groupBy, functions, collations, Long.MAX_VALUE);
    }

    /** @param maxRows distinct values one group may hold for COUNT_DISTINCT before failing (1114) */
    public StreamGroupByCursor(RowCursor input, List<Integer> groupBy, List<AggregateFunction> functions,
                               Map<Integer, Collation> collations, long maxRows) {
        this.maxRows = maxRows;
        this.input = input;
        this.groupBy = groupBy.stream().mapToInt(Integer::intValue).toArray();
        this.functions = List.copyOf(functions);
        this.collations = Map.copyOf(collations);
        this.keyComparators = GroupRow.keyComparators(input.columns(), this.groupBy, collations);
        new GroupRow(input.columns(), functions, collations); // validates the function list early
        this.outputColumns = GroupRow.outputColumns(input.columns(), functions);
    }

    @Override
    public List<Column> columns() {
        return outputColumns;
    }

    @Override
    public boolean next() throws SQLException {
        if (!started) {
            started = true;
            inputHasRow = input.next();
        }
        if (!inputHasRow) {
            if (groupBy.length == 0 && !emittedAny) { // aggregate without GROUP BY over no rows
                emittedAny = true;
                current = new GroupRow(input.columns(), functions, collations).result();
                return true;
            }
            current = null;
            input.close();
            return false;
        }
        GroupRow group = new GroupRow(input.columns(), functions, collations);
        byte[][] key = keyOf();
        long held = 0;
        do {
            held += group.add(input);
            if (held > maxRows) throw MergeLimitExceeded.groups("COUNT(DISTINCT)", maxRows);
            inputHasRow = input.next();
        } while (inputHasRow && sameGroup(key));
        current = group.result();
        emittedAny = true;
        return true;
    }

    private byte[][] keyOf() {
        byte[][] key = new byte[groupBy.length][];
        for (int i = 0; i < groupBy.length; i++) {
            byte[] v = input.value(groupBy[i]);
            key[i] = v == null ? null : v.clone();
        }
        return key;
    }

    private boolean sameGroup(byte[][] key) {
        for (int i = 0; i < groupBy.length; i++) {
            if (keyComparators[i].compare(key[i], input.value(groupBy[i])) != 0) return false;
        }
        return true;
    }

    @Override
    public byte[] value(int index) {
        return current[index];
    }

    @Override
    public void close() {
        input.close();
    }
}
