package io.dbmesh.proxy.session;

import io.dbmesh.proxy.command.BoundParameter;
import io.dbmesh.proxy.sql.PlaceholderSql;
import io.dbmesh.proxy.sql.StatementKind;
import io.dbmesh.proxy.text.ClientCharset;
import io.dbmesh.core.result.Column;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A statement prepared by the client: its SQL with placeholder positions, parameter count and
 * result columns as the backend reported them at prepare time, the logical database it was
 * prepared in, and long data accumulated by COM_STMT_SEND_LONG_DATA until the next execute.
 */
final class PreparedStatementEntry {
    final int id;
    final PlaceholderSql sql;
    final StatementKind kind;
    final int features;
    final String database;
    final int parameterCount;
    final List<Column> columns;
    /** Markers of the shard statements of its sharded executions (binary shard statements). */
    final ShardMarkers shardMarkers = new ShardMarkers();
    private final ByteArrayOutputStream[] longData;
    /** Long data beyond max_allowed_packet was sent: the next execute fails (and the data is dropped). */
    private boolean longDataOverflow;
    /** Long data buffered for this statement since its last execute, all parameters together. */
    private long longDataBytes;

    PreparedStatementEntry(int id, PlaceholderSql sql, StatementKind kind, int features, String database,
                           int parameterCount, List<Column> columns) {
        this.id = id;
        this.sql = sql;
        this.kind = kind;
        this.features = features;
        this.database = database;
        this.parameterCount = parameterCount;
        this.columns = columns;
        this.longData = new ByteArrayOutputStream[parameterCount];
    }

    /**
     * The statement as text with {@code parameters} spliced in as literals (long data sent for a
     * parameter replaces its value); the caller checked there is one per placeholder.
     */
    String render(List<BoundParameter> parameters, boolean noBackslashEscapes, ClientCharset charset) {
        return render(parameters, null, noBackslashEscapes, charset);
    }

    /** As {@link #render(List, boolean, ClientCharset)}, with the long data taken before ({@link #takeLongData}). */
    String render(List<BoundParameter> parameters, byte[][] taken, boolean noBackslashEscapes, ClientCharset charset) {
        int placeholders = sql.placeholders();
        if (placeholders == 0) {
            return sql.sql();
        }
        List<String> literals = new ArrayList<>(placeholders);
        for (int i = 0; i < placeholders; i++) {
            byte[] data = taken == null ? longData(i) : i < taken.length ? taken[i] : null;
            literals.add(ParameterLiterals.literal(parameters.get(i), data, noBackslashEscapes, charset));
        }
        return sql.render(literals);
    }

    /** The long data of every parameter (null where none was sent), cleared from the statement. */
    byte[][] takeLongData() {
        byte[][] taken = new byte[parameterCount][];
        for (int i = 0; i < parameterCount; i++) taken[i] = longData(i);
        clearLongData();
        return taken;
    }

    void appendLongData(int index, byte[] data, long limit) {
        if (index < 0 || index >= longData.length || longDataOverflow) {
            return; // MySQL ignores it too, and reports the bad index at execute
        }
        long size = longDataBytes + data.length; // all parameters together: the statement is what one execute sends
        if (size > limit) {
            longDataOverflow = true; // keep memory bounded: drop it all, fail the execute
            clearLongData();
            return;
        }
        if (longData[index] == null) {
            longData[index] = new ByteArrayOutputStream(Math.max(32, data.length));
        }
        longData[index].writeBytes(data);
        longDataBytes = size;
    }

    /** Long data of parameter {@code index}, or null when none was sent. */
    byte[] longData(int index) {
        ByteArrayOutputStream b = index < longData.length ? longData[index] : null;
        return b == null ? null : b.toByteArray();
    }

    boolean hasLongData(int index) {
        return index < longData.length && longData[index] != null;
    }

    boolean hasLongData() {
        for (ByteArrayOutputStream b : longData) {
            if (b != null) return true;
        }
        return false;
    }

    void clearLongData() {
        java.util.Arrays.fill(longData, null);
        longDataBytes = 0;
    }

    /** Whether long data overflowed since the last execute; clears the mark. */
    boolean takeLongDataOverflow() {
        boolean o = longDataOverflow;
        longDataOverflow = false;
        return o;
    }
}
