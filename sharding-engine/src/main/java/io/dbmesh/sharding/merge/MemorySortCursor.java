package io.dbmesh.sharding.merge;

import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.RowCursor;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * ORDER BY that the shards could not sort for us (an aggregate value after a merged GROUP BY, an
 * expression over merged columns): the rows are copied into memory and sorted stably. With a top
 * limit (ORDER BY … LIMIT n above it) only the best n rows are ever held, in a bounded heap;
 * without one, more than {@code maxRows} rows fail with ER_OUT_OF_SORTMEMORY instead of exhausting
 * the sidecar's heap.
 */
public final class MemorySortCursor implements RowCursor {
    private final RowCursor input;
    private final RowOrder order;
    private final long top;
    private final long maxRows;
    private List<byte[][]> sorted;
    private int position = -1;

    /** @param top keep only the first {@code top} rows of the order (offset + count of a LIMIT above); -1 for all */
    public MemorySortCursor(RowCursor input, RowOrder order, long top, long maxRows) {
        this.input = input;
        this.order = order;
        this.top = top;
        this.maxRows = maxRows;
    }

    @Override
    public List<Column> columns() {
        return input.columns();
    }

    @Override
    public boolean next() throws SQLException {
        if (sorted == null) sorted = top >= 0 && top <= maxRows ? topRows() : allRows();
        if (position + 1 >= sorted.size()) {
            position = sorted.size();
            return false;
        }
        position++;
        return true;
    }

    /** A row with its arrival number, so equal rows keep arrival order (a stable sort). */
    private record Numbered(byte[][] row, long number) {
    }

    private List<byte[][]> topRows() throws SQLException {
        Comparator<Numbered> byOrder = (a, b) -> {
            int c = order.compare(a.row, b.row);
            return c != 0 ? c : Long.compare(a.number, b.number);
        };
        PriorityQueue<Numbered> worstFirst = new PriorityQueue<>(byOrder.reversed());
        long n = 0;
        try (input) {
            while (input.next()) {
                if (top == 0) continue;
                Numbered r = new Numbered(copy(), n++);
                if (worstFirst.size() < top) worstFirst.add(r);
                else if (byOrder.compare(r, worstFirst.peek()) < 0) {
                    worstFirst.poll();
                    worstFirst.add(r);
                }
            }
        }
        List<Numbered> rows = new ArrayList<>(worstFirst);
        rows.sort(byOrder);
        List<byte[][]> out = new ArrayList<>(rows.size());
        for (Numbered r : rows) out.add(r.row);
        return out;
    }

    private List<byte[][]> allRows() throws SQLException {
        List<byte[][]> rows = new ArrayList<>();
        try (input) {
            while (input.next()) {
                if (rows.size() >= maxRows) throw MergeLimitExceeded.sort(maxRows);
                rows.add(copy());
            }
        }
        rows.sort(order::compare); // List.sort is stable
        return rows;
    }

    private byte[][] copy() {
        byte[][] row = new byte[input.columns().size()][];
        for (int i = 0; i < row.length; i++) {
            byte[] v = input.value(i);
            row[i] = v == null ? null : v.clone();
        }
        return row;
    }

    @Override
    public byte[] value(int index) {
        return sorted.get(position)[index];
    }

    @Override
    public void close() {
        input.close();
        sorted = List.of();
    }
}
