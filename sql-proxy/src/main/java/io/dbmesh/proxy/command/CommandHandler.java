package io.dbmesh.proxy.command;

import io.dbmesh.proxy.text.ClientCharset;

import java.util.List;

/**
 * The seam between the wire (codec, packets, auth, encoders) and execution (session state,
 * backends, sharding). The wire decodes each client command packet and calls one method here on
 * a virtual thread dedicated to the client connection, so implementations may block on backends;
 * commands of one connection are never called concurrently. Every method answers through the
 * sink exactly once per result (several results for multi-statements / CALL), finishing with a
 * call whose {@code more} is false, or with an error.
 *
 * <p>One instance per authenticated client connection.
 */
public interface CommandHandler {

    /** COM_QUERY: may hold several statements when the client enabled MULTI_STATEMENTS. */
    void query(String sql, ResultSink sink);

    /** COM_INIT_DB (and USE). */
    void initDb(String schema, ResultSink sink);

    /** COM_FIELD_LIST: deprecated but still sent by old clients; answer column definitions. */
    void fieldList(String table, String wildcard, ResultSink sink);

    /** COM_STMT_PREPARE. */
    void prepare(String sql, PrepareSink sink);

    /**
     * COM_STMT_EXECUTE with parameters already decoded from the binary protocol.
     * Long data sent earlier with COM_STMT_SEND_LONG_DATA is the handler's to merge in.
     */
    void execute(int statementId, int cursorFlags, List<BoundParameter> parameters, ResultSink sink);

    /** COM_STMT_SEND_LONG_DATA: no response is ever sent for this command. */
    void sendLongData(int statementId, int parameterIndex, byte[] data);

    /** COM_STMT_RESET: discards long data; answers OK. */
    void resetStatement(int statementId, ResultSink sink);

    /** COM_STMT_CLOSE: no response. */
    void closeStatement(int statementId);

    /** COM_SET_OPTION: 0 = MULTI_STATEMENTS_ON, 1 = OFF. */
    void setOption(int option, ResultSink sink);

    /** COM_RESET_CONNECTION: back to the state right after authentication. */
    void resetConnection(ResultSink sink);

    /**
     * Current SERVER_STATUS bits owned by the session (SERVER_STATUS_IN_TRANS = 0x0001,
     * SERVER_STATUS_AUTOCOMMIT = 0x0002, SERVER_STATUS_IN_TRANS_READONLY = 0x2000); the wire adds
     * MORE_RESULTS_EXISTS itself. Read when every OK/EOF packet is written.
     */
    int serverStatus();

    /**
     * The session's character_set_client: the wire decodes statement text and string parameters
     * with it (see {@code text.StatementText}). Read before every command, since SET NAMES changes it.
     */
    default ClientCharset clientCharset() {
        return ClientCharset.UTF8MB4;
    }

    /** COM_STATISTICS: a human-readable status string. */
    String statistics();

    /** Parameter types the client declared for a prepared statement, when it sends them once. */
    default int parameterCount(int statementId) {
        return -1;
    }

    /** The client went away (COM_QUIT or a closed socket): release everything. */
    void close();
}
