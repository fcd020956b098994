package io.dbmesh.proxy.server;

import io.dbmesh.core.result.Column;
import io.dbmesh.proxy.packet.ParameterState;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The wire's registry of a connection's prepared statements (parameter counts and bound types
 * for decoding COM_STMT_EXECUTE). Statement id 0xFFFFFFFF means "the statement prepared last",
 * which MariaDB clients use to pipeline PREPARE and EXECUTE. Command thread only.
 */
final class PreparedStatements {
    private static final int LAST_PREPARED = -1;

    private final Map<Integer, ParameterState> byId = new HashMap<>();
    private int lastPrepared = 0;

    /** @param columns the result column definitions PREPARE_OK carried (what the client now holds) */
    void register(int statementId, int parameterCount, List<Column> columns) {
        byId.put(statementId, new ParameterState(statementId, parameterCount, columns));
        lastPrepared = statementId;
    }

    ParameterState find(int statementId) {
        return byId.get(statementId == LAST_PREPARED ? lastPrepared : statementId);
    }

    void remove(int statementId) {
        byId.remove(statementId == LAST_PREPARED ? lastPrepared : statementId);
    }

    void clear() {
        byId.clear();
    }
}
