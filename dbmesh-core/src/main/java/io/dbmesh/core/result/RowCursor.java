package io.dbmesh.core.result;

import java.sql.SQLException;
import java.util.List;

/**
 * A forward-only stream of rows: what a shard returns, what a merge produces, what the protocol
 * encoder writes. Values are in MySQL text-protocol form, like Vitess' sqltypes.Value: the exact
 * bytes a text result row carries (UTF-8 for character columns, raw bytes for binary ones), or
 * {@code null} for SQL NULL. The column's {@link ColumnType} tells how to compare a value and how to
 * turn it into the binary protocol. Keeping one representation means a value is never converted
 * on the passthrough path and merges compare what the client will see.
 *
 * <p>Implementations stream: they hold at most a fetch-size window of rows, never the whole result.
 */
public interface RowCursor extends AutoCloseable {

    List<Column> columns();

    /** Advances to the next row; false at the end. */
    boolean next() throws SQLException;

    /** The current row's value at a 0-based index, text form, null for SQL NULL. */
    byte[] value(int index);

    /**
     * The current row as a binary-protocol row payload (0x00, NULL bitmap, values) of exactly
     * {@link #columns()}, when the cursor reads a backend's binary rows unchanged: the encoder of a
     * COM_STMT_EXECUTE answer then forwards it as it is, without decoding and re-encoding values.
     * Null otherwise (the default). A wrapper may pass its input's on only when it changes neither
     * rows nor column types (relabelling, counting); {@link ForwardingCursor} does not, so a cursor
     * that changes values cannot forward stale bytes by accident.
     */
    default byte[] binaryRow() {
        return null;
    }

    /**
     * Warnings the statement raised (the count of its result's EOF/OK packet), known once
     * {@link #next} has returned false; 0 when unknown. Wrappers pass their input's on.
     */
    default int warnings() {
        return 0;
    }

    /** Releases the underlying result (and lets a backend connection be reused). Idempotent. */
    @Override
    void close();
}
