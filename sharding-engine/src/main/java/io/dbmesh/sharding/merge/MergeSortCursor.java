package io.dbmesh.sharding.merge;

import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.RowCursor;

import java.sql.SQLException;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Streaming k-way merge of shard cursors that each arrive sorted by the same ORDER BY (the shard
 * queries carry it). A priority queue holds each input once, positioned on its current row; the
 * smallest input's row is the merge's current row. Nothing is copied: memory is what the inputs
 * buffer themselves (shards × fetch size), never the result size. Ties keep input order, so the
 * merge is stable like one server's sort over concatenated shards.
 */
public final class MergeSortCursor implements RowCursor {
    private final List<RowCursor> inputs;
    private final RowOrder order;
    private final PriorityQueue<Input> queue;
    /** Rows pass unchanged: a shard's binary row is forwarded when all shards describe columns alike. */
    private final boolean forwardsBinaryRows;
    private Input current;
    private boolean started;

    /** One shard's cursor and the sort keys of its current row (read once per row, not per comparison). */
    private static final class Input {
        final RowCursor cursor;
        final int position;
        byte[][] keys;

        Input(RowCursor cursor, int position) {
            this.cursor = cursor;
            this.position = position;
        }
    }

    public MergeSortCursor(List<RowCursor> inputs, RowOrder order) {
        if (inputs.isEmpty()) throw new IllegalArgumentException("merge of no inputs");
        this.inputs = List.copyOf(inputs);
        this.order = order;
        this.forwardsBinaryRows = RowLayouts.same(this.inputs);
        this.queue = new PriorityQueue<>(inputs.size(), (a, b) -> {
            int c = order.compareKeys(a.keys, b.keys);
            return c != 0 ? c : Integer.compare(a.position, b.position);
        });
    }

    @Override
    public List<Column> columns() {
        return inputs.get(0).columns();
    }

    @Override
    public boolean next() throws SQLException {
        if (!started) {
            started = true;
            for (int i = 0; i < inputs.size(); i++) advance(new Input(inputs.get(i), i));
        } else if (current != null) {
            advance(current);
        }
        current = queue.poll();
        return current != null;
    }

    /** Moves an input to its next row and queues it, or closes it when exhausted. */
    private void advance(Input input) throws SQLException {
        if (input.cursor.next()) {
            input.keys = order.keysOf(input.cursor);
            queue.add(input);
        } else {
            input.cursor.close();
        }
    }

    @Override
    public byte[] value(int index) {
        return current.cursor.value(index);
    }

    @Override
    public byte[] binaryRow() {
        return forwardsBinaryRows ? current.cursor.binaryRow() : null;
    }

    @Override
    public void close() {
        current = null;
        queue.clear();
        for (RowCursor c : inputs) c.close();
    }
}
