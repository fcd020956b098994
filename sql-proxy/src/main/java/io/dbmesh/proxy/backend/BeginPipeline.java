package io.dbmesh.proxy.backend;

import org.mariadb.jdbc.client.Client;
import org.mariadb.jdbc.client.Completion;
import org.mariadb.jdbc.client.impl.StandardClient;
import org.mariadb.jdbc.client.result.Result;
import org.mariadb.jdbc.message.ClientMessage;
import org.mariadb.jdbc.message.client.QueryPacket;

import java.sql.SQLException;
import java.util.List;

/**
 * A transaction's BEGIN and the statement it was opened for, in one round trip: both packets are
 * written back to back, then both answers read (MariaDB answers commands in order). Two separate
 * commands on the wire — never a multi-statement — so the backend's {@code allowMultiQueries=false}
 * stays what it is. Connector/J's own {@code executePipeline} is not used: when a command before the
 * last fails it reads the last one's rows into a result nobody owns, which would leave a streaming
 * result half read on the connection.
 *
 * <p>Only for a statement that changes no data ({@link BackendConnection#deferBegin}): when BEGIN
 * fails the statement has run all the same, outside any transaction, so its rows are skipped
 * unread (memory stays bounded) and BEGIN's error is what the caller gets ({@link Failed}).
 */
final class BeginPipeline {

    /** BEGIN failed (its own error is the cause, code and SQLSTATE copied); the statement's answer was skipped. */
    static final class Failed extends SQLException {
        Failed(SQLException begin) {
            super(begin.getMessage(), begin.getSQLState(), begin.getErrorCode(), begin);
        }

        SQLException begin() {
            return (SQLException) getCause();
        }
    }

    private BeginPipeline() {
    }

    /** Whether {@code con}'s client is Connector/J's plain one, whose send and read steps this drives. */
    static boolean supported(org.mariadb.jdbc.Connection con) {
        Client client = con.getClient();
        return client != null && client.getClass() == StandardClient.class; // not the transaction-replaying one
    }

    /**
     * Sends {@code begin} and then {@code statement}, reads BEGIN's answer, then the statement's
     * first result (rows stream {@code fetchSize} at a time, as {@code Statement#execute} would).
     *
     * @throws Failed BEGIN failed (the connection may be broken too: see its SQLSTATE)
     * @throws SQLException the statement failed after BEGIN succeeded (the transaction is open)
     */
    static List<Completion> exchange(org.mariadb.jdbc.Connection con, String begin, ClientMessage statement,
                                     org.mariadb.jdbc.Statement owner, int fetchSize, int concurrency, int type)
            throws SQLException {
        StandardClient client = (StandardClient) con.getClient();
        QueryPacket opening = new QueryPacket(begin);
        client.sendQuery(opening);
        SQLException notSent = null;
        try {
            client.sendQuery(statement);
        } catch (SQLException e) {
            if (client.isClosed()) throw new Failed(e); // the connection is gone, BEGIN's answer with it
            notSent = e; // refused before writing (packet too big): only BEGIN's answer is due
        }
        try {
            client.readResponse(opening);
        } catch (SQLException e) {
            if (notSent == null && !client.isClosed()) skip(client, statement, owner, fetchSize, concurrency, type);
            throw new Failed(e);
        }
        if (notSent != null) throw notSent;
        return client.readResponse(owner, statement, fetchSize, 0L, concurrency, type, false);
    }

    /** Reads the statement's answer for nobody: rows are skipped, not kept (Result#close). */
    private static void skip(StandardClient client, ClientMessage statement, org.mariadb.jdbc.Statement owner,
                             int fetchSize, int concurrency, int type) {
        try {
            for (Completion c : client.readResponse(owner, statement, Math.max(1, fetchSize), 0L, concurrency, type, false)) {
                if (c instanceof Result r) r.close();
            }
        } catch (SQLException ignored) {
            // its own error: BEGIN's is the one to report, and the connection is in step again
        }
    }
}
