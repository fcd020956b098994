package io.dbmesh.proxy.testing;

import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.ColumnType;
import io.dbmesh.core.result.RowCursor;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** N rows (id, 'row-id') produced one at a time: a result far larger than memory would allow. */
public final class GeneratedRows implements RowCursor {
    public static final List<Column> COLUMNS = List.of(Columns.of("id", ColumnType.LONGLONG), Columns.of("txt", ColumnType.VAR_STRING));
    private final long count;
    private long current;
    public volatile long produced;
    /** The thread that last produced a row (to see it parked on back-pressure). */
    private volatile Thread producer;

    public GeneratedRows(long count) {
        this.count = count;
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public boolean next() {
        if (current >= count) return false;
        current++;
        produced = current;
        producer = Thread.currentThread();
        return true;
    }

    @Override
    public byte[] value(int index) {
        return index == 0 ? Long.toString(current).getBytes(StandardCharsets.US_ASCII)
                : ("row-" + current).getBytes(StandardCharsets.US_ASCII);
    }

    /** True while the producing thread waits (parked on a full socket), not running. */
    public boolean parked() {
        Thread t = producer;
        return t != null && (t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING);
    }

    @Override
    public void close() {
    }
}
