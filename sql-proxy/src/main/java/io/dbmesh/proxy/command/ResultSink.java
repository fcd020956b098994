package io.dbmesh.proxy.command;

import io.dbmesh.core.result.RowCursor;
import io.dbmesh.core.result.UpdateResult;

/**
 * Where a command writes its answer. The wire implements it by encoding packets (text rows for
 * COM_QUERY, binary rows for COM_STMT_EXECUTE). {@link #rows} streams: it blocks the calling
 * virtual thread while the client socket is not writable, so a huge result never sits in memory.
 * {@code more} sets SERVER_MORE_RESULTS_EXISTS: another result of the same command follows.
 * Server status flags (in transaction, autocommit) are read from the session when each packet
 * is written.
 */
public interface ResultSink {

    void ok(UpdateResult result, boolean more);

    /** Writes column definitions, all rows, then the terminating EOF/OK; closes the cursor. */
    void rows(RowCursor cursor, boolean more) throws java.sql.SQLException;

    /**
     * LOAD DATA LOCAL INFILE: asks the client for its file (the LOCAL INFILE request with
     * {@code fileName} in the client's character set) and returns its bytes as the client sends
     * them; null when the client did not agree to send files (no CLIENT_LOCAL_FILES). Read on the
     * command's own thread, before the statement's answer; closing it reads whatever the client
     * still sends. Wrapping sinks pass it on.
     */
    default java.io.InputStream clientFile(byte[] fileName) {
        return null;
    }

    /** An ERR packet; ends the command (no further results are sent after an error). */
    void error(int errorCode, String sqlState, String message);
}
