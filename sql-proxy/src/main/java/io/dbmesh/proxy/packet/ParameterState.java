package io.dbmesh.proxy.packet;

import io.dbmesh.core.result.ColumnType;

import java.util.BitSet;

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

    public ParameterState(int statementId, int parameterCount) {
        this.statementId = statementId;
        this.parameterCount = parameterCount;
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
