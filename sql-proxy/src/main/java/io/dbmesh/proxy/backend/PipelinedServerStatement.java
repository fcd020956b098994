package io.dbmesh.proxy.backend;

import org.mariadb.jdbc.ServerPreparedStatement;
import org.mariadb.jdbc.client.util.ClosableLock;
import org.mariadb.jdbc.message.client.ExecutePacket;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A server-side prepared statement ({@link ConnectorInternals#serverPrepare}) whose
 * {@code COM_STMT_EXECUTE} can carry a deferred BEGIN in its round trip ({@link BeginPipeline}).
 * Otherwise Connector/J's own ServerPreparedStatement.
 */
final class PipelinedServerStatement extends ServerPreparedStatement {

    PipelinedServerStatement(String sql, org.mariadb.jdbc.Connection con, ClosableLock lock) throws SQLException {
        super(sql, con, lock, false, false, false, NO_GENERATED_KEYS, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY, 0);
    }

    /** Whether {@link #executeAfter} can send the execution at once (the statement is prepared). */
    boolean prepared() {
        return prepareResult != null;
    }

    /** {@code execute()} with the parameters bound, after {@code begin}, both sent before either answer is read. */
    boolean executeAfter(String begin) throws SQLException {
        checkNotClosed();
        validParameters();
        try (ClosableLock ignored = lock.closeableLock()) {
            ExecutePacket execute = new ExecutePacket(prepareResult, parameters, escapeTimeout(sql), this, localInfileInputStream);
            results = BeginPipeline.exchange(con, begin, execute, this, fetchSize, resultSetConcurrency, resultSetType);
        } catch (SQLException e) {
            results = null;
            currResult = null;
            throw e;
        } finally {
            localInfileInputStream = null;
        }
        handleParameterOutput();
        return currResult instanceof org.mariadb.jdbc.client.result.Result;
    }
}
