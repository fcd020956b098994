package io.dbmesh.sharding.merge;

import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.RowCursor;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * GROUP BY when the shards cannot sort by the group columns (e.g. the client orders by something
 * else): every partial row goes into a hash map keyed by the group values (normalized by the
 * column's comparison, so 'a' and 'A ' meet in one group under a _ci collation), then the groups
 * come out ordered by their keys, as MariaDB's GROUP BY does. Memory is bounded: more than
 * {@code maxRows} groups (plus distinct values being counted) fails with a clear error rather than
 * exhausting the sidecar's heap.
 */
public final class MemoryGroupByCursor implements RowCursor {
    private final RowCursor input;
    private final int[] groupBy;
    private final ValueComparator[] keyComparators;
    private final List<AggregateFunction> functions;
    private final Map<Integer, Collation> collations;
    private final long maxRows;
    private final List<Column> outputColumns;
    private Iterator<byte[][]> results;
    private byte[][] current;

    public MemoryGroupByCursor(RowCursor input, List<Integer> groupBy, List<AggregateFunction> functions,
                               Map<Integer, Collation> collations, long maxRows) {
        this.input = input;
        this.groupBy = groupBy.stream().mapToInt(Integer::intValue).toArray();
        this.functions = List.copyOf(functions);
        this.collations = Map.copyOf(collations);
        this.maxRows = maxRows;
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
        if (results == null) results = aggregate().iterator();
        current = results.hasNext() ? results.next() : null;
        return current != null;
    }

    private List<byte[][]> aggregate() throws SQLException {
        Map<List<ValueKey>, GroupRow> groups = new HashMap<>();
        long held = 0; // groups plus distinct values being counted
        try (input) {
            while (input.next()) {
                List<ValueKey> key = new ArrayList<>(groupBy.length);
                for (int i = 0; i < groupBy.length; i++) key.add(new ValueKey(keyComparators[i].key(input.value(groupBy[i]))));
                GroupRow group = groups.get(key);
                if (group == null) {
                    group = new GroupRow(input.columns(), functions, collations);
                    groups.put(key, group);
                    held++;
                }
                held += group.add(input);
                if (held > maxRows) throw MergeLimitExceeded.groups("GROUP BY", maxRows);
            }
        }
        List<byte[][]> rows = new ArrayList<>(Math.max(groups.size(), 1));
        for (GroupRow g : groups.values()) rows.add(g.result());
        if (groups.isEmpty() && groupBy.length == 0) {
            rows.add(new GroupRow(input.columns(), functions, collations).result());
        }
        List<SortKey> keys = new ArrayList<>();
        for (int index : groupBy) keys.add(new SortKey(index, false));
        RowOrder order = RowOrder.of(input.columns(), keys, collations);
        rows.sort(order::compare);
        return rows;
    }

    @Override
    public byte[] value(int index) {
        return current[index];
    }

    @Override
    public void close() {
        input.close();
        results = java.util.Collections.emptyIterator();
    }
}
