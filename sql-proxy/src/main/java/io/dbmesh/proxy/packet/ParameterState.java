package io.dbmesh.proxy.packet;

import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.ColumnType;

import java.util.BitSet;
import java.util.List;

/**
 * What the wire remembers about one prepared statement to decode its COM_STMT_EXECUTE packets:
 * the parameter count announced in PREPARE_OK, the parameter types of the last execution that
 * sent them (a client sends types only when they change: new-params-bound flag), and which
 * parameters received COM_STMT_SEND_LONG_DATA since the last execution (their value is not in
 * the EXECUTE packet). Confined to the connection's command thread.
 */
public final class ParameterState {
    private final int statementId;
    private final int parameterCount;
    private ColumnType[] types;
    private boolean[] unsigned;
    private final BitSet longData = new BitSet();
    /**
     * The result columns the client holds for the statement under MariaDB's metadata caching: those
     * of PREPARE_OK, then of the last execution that sent its column definitions.
     */
    private List<Column> clientColumns;

    public ParameterState(int statementId, int parameterCount) {
        this(statementId, parameterCount, List.of());
    }

    public ParameterState(int statementId, int parameterCount, List<Column> preparedColumns) {
        this.statementId = statementId;
        this.parameterCount = parameterCount;
        this.clientColumns = preparedColumns;
    }

    /** Whether the client holds exactly these column definitions for the statement (List.equals tries the same list first). */
    public boolean clientHolds(List<Column> columns) {
        return columns.equals(clientColumns);
    }

    /** The client was sent these column definitions for the statement (and keeps them). */
    public void clientReceived(List<Column> columns) {
        clientColumns = List.copyOf(columns); // the same instance when it already is an immutable list
    }

    public int statementId() {
        return statementId;
    }

    public int parameterCount() {
        return parameterCount;
    }

    boolean typesBound() {
        return types != null;
    }

    void bind(ColumnType[] types, boolean[] unsigned) {
        this.types = types;
        this.unsigned = unsigned;
    }

    ColumnType type(int i) {
        return types[i];
    }

    boolean unsigned(int i) {
        return unsigned[i];
    }

    public void markLongData(int parameterIndex) {
        if (parameterIndex >= 0 && parameterIndex < parameterCount) longData.set(parameterIndex);
    }

    boolean hasLongData(int parameterIndex) {
        return longData.get(parameterIndex);
    }

    /** After an execution and on COM_STMT_RESET: long data is consumed. */
    public void clearLongData() {
        longData.clear();
    }
}
