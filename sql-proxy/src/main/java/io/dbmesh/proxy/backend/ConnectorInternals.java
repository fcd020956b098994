package io.dbmesh.proxy.backend;

import org.mariadb.jdbc.ServerPreparedStatement;
import org.mariadb.jdbc.client.ColumnDecoder;
import org.mariadb.jdbc.client.util.ClosableLock;
import org.mariadb.jdbc.client.Completion;
import org.mariadb.jdbc.message.server.OkPacket;
import org.mariadb.jdbc.client.impl.StandardReadableByteBuf;
import org.mariadb.jdbc.client.result.Result;
import org.mariadb.jdbc.message.server.ColumnDefinitionPacket;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.lang.invoke.VarHandle;

/**
 * Access to five fields Connector/J 3.x keeps protected, resolved once at class load (never per
 * query): a result's column definitions as the server sent them, the buffer holding the current
 * raw text row, a column definition's collation id and extended format (MariaDB's "json"), and the OK packet a statement is positioned
 * on (for LAST_INSERT_ID). With them the sidecar forwards the exact
 * bytes and metadata the backend sent — no decoding to Java types and back — which is both exact
 * (zero dates, long TIME, float formatting) and cheap.
 *
 * <p>If a Connector/J upgrade moves them, {@link #AVAILABLE} is false and {@link JdbcRowCursor}
 * falls back to the public JDBC API; {@code ConnectorInternalsTest} fails loudly in that case, and
 * also when {@link #serverPrepare} has lost its direct path or a real backend's rows, collations
 * or insert ids no longer come through these fields.
 */
final class ConnectorInternals {

    static final boolean AVAILABLE;
    /** Why {@link #AVAILABLE} is false (the missing field, as the JDK names it); null when it is true. */
    static final String UNAVAILABLE_BECAUSE;
    private static final VarHandle RESULT_METADATA;
    private static final VarHandle RESULT_ROW_BUF;
    private static final VarHandle COLUMN_CHARSET;
    /** MariaDB's extended format of a column ("json"); its type name is public (getExtTypeName). */
    private static final VarHandle COLUMN_EXT_FORMAT;
    private static final VarHandle STATEMENT_CURRENT_RESULT;
    private static final VarHandle STATEMENT_RESULTS;
    /** Connection#getLock (protected): what a ServerPreparedStatement is built with. */
    private static final MethodHandle CONNECTION_LOCK = connectionLock();

    static {
        VarHandle metadata = null;
        VarHandle rowBuf = null;
        VarHandle charset = null;
        VarHandle extFormat = null;
        VarHandle current = null;
        VarHandle results = null;
        String problem = null;
        try {
            MethodHandles.Lookup result = MethodHandles.privateLookupIn(Result.class, MethodHandles.lookup());
            metadata = result.findVarHandle(Result.class, "metadataList", ColumnDecoder[].class);
            rowBuf = result.findVarHandle(Result.class, "rowBuf", StandardReadableByteBuf.class);
            MethodHandles.Lookup column = MethodHandles.privateLookupIn(ColumnDefinitionPacket.class, MethodHandles.lookup());
            charset = column.findVarHandle(ColumnDefinitionPacket.class, "charset", int.class);
            extFormat = column.findVarHandle(ColumnDefinitionPacket.class, "extTypeFormat", String.class);
            MethodHandles.Lookup statement = MethodHandles.privateLookupIn(org.mariadb.jdbc.Statement.class, MethodHandles.lookup());
            current = statement.findVarHandle(org.mariadb.jdbc.Statement.class, "currResult", Completion.class);
            results = statement.findVarHandle(org.mariadb.jdbc.Statement.class, "results", java.util.List.class);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            problem = e.toString();
        }
        AVAILABLE = problem == null;
        UNAVAILABLE_BECAUSE = problem;
        RESULT_METADATA = metadata;
        RESULT_ROW_BUF = rowBuf;
        COLUMN_CHARSET = charset;
        COLUMN_EXT_FORMAT = extFormat;
        STATEMENT_CURRENT_RESULT = current;
        STATEMENT_RESULTS = results;
    }

    /**
     * Drops what a kept server-side statement still references of its last execution once its rows
     * were read and its result set closed. Connector/J keeps the last result (row buffers, column
     * list) until the statement runs again; a statement kept per backend connection (ServerStatements)
     * thus held one result per statement and connection for as long as the next execution took to
     * come: long enough to be promoted, short enough to die in the old generation, which grew the
     * sharded bench's heap to its cap (issue 13, peak RSS).
     */
    static void forgetResults(java.sql.Statement statement) {
        if (AVAILABLE && statement instanceof ServerPreparedStatement st) {
            // As after its last result: getMoreResults() answers false, getUpdateCount() -1.
            STATEMENT_CURRENT_RESULT.set(st, null);
            STATEMENT_RESULTS.set(st, new java.util.ArrayList<Completion>(0));
        }
    }

    private ConnectorInternals() {
    }

    /** Whether {@link #serverPrepare} builds the server-side statement itself (Connection#getLock resolved). */
    static boolean preparesDirectly() {
        return CONNECTION_LOCK != null;
    }

    private static MethodHandle connectionLock() {
        try {
            return MethodHandles.privateLookupIn(org.mariadb.jdbc.Connection.class, MethodHandles.lookup())
                    .findVirtual(org.mariadb.jdbc.Connection.class, "getLock", MethodType.methodType(ClosableLock.class));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    /**
     * A server-side prepared statement of {@code sql}, prepared now (COM_STMT_PREPARE sent), whose
     * failure is the backend's own error. {@code Connection#prepareInternal} is not used for this: when
     * the server refuses the prepare it silently falls back to a client-side statement (no metadata,
     * the backend's error lost), which is how a typo once became an NPE and a leaked connection. No
     * JDBC escape processing and no prepare cache: the text is the client's, and no pooled connection
     * keeps the statement after close.
     */
    static PreparedStatement serverPrepare(org.mariadb.jdbc.Connection raw, String sql) throws SQLException {
        PreparedStatement ps;
        if (CONNECTION_LOCK != null) {
            ps = new PipelinedServerStatement(sql, raw, lock(raw)); // a ServerPreparedStatement that can carry a BEGIN along
        } else {
            ps = raw.prepareInternal(sql, java.sql.Statement.NO_GENERATED_KEYS, ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY, true);
            if (!(ps instanceof ServerPreparedStatement)) {
                ps.close();
                throw new SQLException("the backend refused to prepare the statement", "HY000", 1105);
            }
        }
        try {
            ps.getParameterMetaData(); // sends COM_STMT_PREPARE unless the constructor did
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    /**
     * A text statement of {@code raw} that can carry a deferred BEGIN in its round trip
     * ({@link PipelinedStatement}), or null when Connector/J's lock or client is not the expected one.
     */
    static PipelinedStatement pipelinedStatement(org.mariadb.jdbc.Connection raw) {
        if (CONNECTION_LOCK == null || !BeginPipeline.supported(raw)) return null;
        return new PipelinedStatement(raw, lock(raw));
    }

    private static ClosableLock lock(org.mariadb.jdbc.Connection raw) {
        try {
            return (ClosableLock) CONNECTION_LOCK.invokeExact(raw);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static ColumnDecoder[] metadata(Result result) {
        return (ColumnDecoder[]) RESULT_METADATA.get(result);
    }

    static StandardReadableByteBuf rowBuffer(Result result) {
        return (StandardReadableByteBuf) RESULT_ROW_BUF.get(result);
    }

    /** LAST_INSERT_ID of the OK packet a statement is positioned on (0 when none or unknown). */
    static long lastInsertId(java.sql.Statement statement) {
        if (AVAILABLE && statement instanceof org.mariadb.jdbc.Statement st
                && STATEMENT_CURRENT_RESULT.get(st) instanceof OkPacket ok) {
            return ok.getLastInsertId();
        }
        return 0;
    }

    /** MariaDB's extended format of a column definition ("json"), or null when none or unknown. */
    static String extTypeFormat(ColumnDecoder column) {
        if (column instanceof ColumnDefinitionPacket) {
            return (String) COLUMN_EXT_FORMAT.get((ColumnDefinitionPacket) column);
        }
        return null;
    }

    /** The collation id of a column definition, or -1 when it is not a ColumnDefinitionPacket. */
    static int charset(ColumnDecoder column) {
        if (column instanceof ColumnDefinitionPacket) {
            return (int) COLUMN_CHARSET.get((ColumnDefinitionPacket) column);
        }
        return -1;
    }
}
