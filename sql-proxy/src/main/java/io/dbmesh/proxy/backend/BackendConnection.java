package io.dbmesh.proxy.backend;

import org.mariadb.jdbc.client.Context;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * One borrowed physical connection of a data source, with the session state it carries. Borrowed
 * from a {@link DataSourcePool}, used by one session at a time, then {@link #release released}
 * (back to the pool) or {@link #discard discarded} (closed, when its state can no longer be trusted).
 */
public final class BackendConnection {

    /** SERVER_STATUS_IN_TRANS */
    public static final int STATUS_IN_TRANS = 0x0001;
    /** SERVER_STATUS_AUTOCOMMIT */
    public static final int STATUS_AUTOCOMMIT = 0x0002;
    /** SERVER_STATUS_IN_TRANS_READONLY */
    public static final int STATUS_IN_TRANS_READONLY = 0x2000;
    /** SERVER_STATUS_NO_BACKSLASH_ESCAPES */
    public static final int STATUS_NO_BACKSLASH_ESCAPES = 0x0200;

    private final DataSourcePool pool;
    /** The Hikari pool {@link #pooled} was borrowed from: the only one that may evict it. */
    private final com.zaxxer.hikari.HikariDataSource owner;
    private final Connection pooled;
    private final org.mariadb.jdbc.Connection raw;
    private final Context context;
    private final PhysicalState physical;
    /** Set once, by the session's release or discard, or by {@link #abortIfHeld}; guarded by {@code this}. */
    private volatile boolean returned;
    private boolean aborted;
    /** A BEGIN to send with this borrow's next statement ({@link #deferBegin}), or null. */
    private String deferredBegin;
    /** The deferred BEGIN was sent and failed: no transaction opened here. */
    private boolean beginFailed;
    /** Column lists of this connection's recent results ({@link JdbcRowCursor}). */
    final DecodedColumns decodedColumns = new DecodedColumns();

    BackendConnection(DataSourcePool pool, com.zaxxer.hikari.HikariDataSource owner, Connection pooled,
                      org.mariadb.jdbc.Connection raw, PhysicalState physical) {
        this.pool = pool;
        this.owner = owner;
        this.pooled = pooled;
        this.raw = raw;
        this.context = raw.getContext();
        this.physical = physical;
    }

    public DataSourcePool pool() {
        return pool;
    }

    /**
     * The connection as plain JDBC, without the pool's proxy: statements are created on it directly.
     * Typed {@code java.sql.Connection} on purpose: what needs Connector/J itself is an operation of
     * this package ({@link #prepareShape}, {@link #executeInternal}, {@link StatementResults}), never a
     * cast elsewhere ({@code DriverBoundaryTest}).
     */
    public Connection jdbc() {
        // what runs on the plain connection is the sidecar's own (warnings, GTID position): a BEGIN
        // deferred to a statement that did not go out is dropped, so the data source stays unjoined
        dropDeferredBegin();
        return raw;
    }

    /**
     * Defers {@code begin} (a plain BEGIN / START TRANSACTION) to this borrow's next statement,
     * {@link #execute(Statement, String)} or {@link #executePrepared}: written in the same round trip,
     * ahead of it, when that path can ({@link BeginPipeline}), else run on its own just before; a
     * sidecar statement ({@link #executeInternal}) runs it on its own first. Only for a statement
     * that changes no data: if BEGIN fails the statement still runs, outside a transaction.
     */
    public void deferBegin(String begin) {
        deferredBegin = begin;
        beginFailed = false;
    }

    /** A deferred BEGIN did not open a transaction here: it was never sent, or it failed. */
    public boolean beginMissing() {
        return deferredBegin != null || beginFailed;
    }

    /** The statement a BEGIN was deferred to failed before it was sent: the BEGIN does not go out either. */
    public void dropDeferredBegin() {
        if (deferredBegin == null) return;
        deferredBegin = null;
        beginFailed = true; // counts as missing: the data source has not joined
    }

    /** Runs the deferred BEGIN, if any, in a round trip of its own. */
    private void beginAlone() throws SQLException {
        String begin = deferredBegin;
        if (begin == null) return;
        deferredBegin = null;
        try {
            run(begin);
        } catch (SQLException e) {
            beginFailed = true;
            throw e;
        }
    }

    /**
     * A statement for one of the session's text statements, to run with {@link #execute(Statement, String)}:
     * one that can carry a deferred BEGIN along when there is one.
     */
    public Statement createStatement() throws SQLException {
        if (deferredBegin != null) {
            PipelinedStatement pipelined = ConnectorInternals.pipelinedStatement(raw);
            if (pipelined != null) return pipelined;
        }
        return raw.createStatement();
    }

    /** {@code st.execute(sql)}, preceded in the same round trip by the deferred BEGIN when there is one. */
    public boolean execute(Statement st, String sql) throws SQLException {
        String begin = deferredBegin;
        if (begin == null) return st.execute(sql);
        if (st instanceof PipelinedStatement pipelined) {
            deferredBegin = null;
            try {
                return pipelined.executeAfter(begin, sql);
            } catch (BeginPipeline.Failed f) {
                beginFailed = true;
                throw f.begin();
            }
        }
        beginAlone();
        return st.execute(sql);
    }

    /** Whether the physical connection is closed (the backend went away, or it was aborted). */
    public boolean isClosed() {
        return raw.isClosed();
    }

    /** Server status flags of the last OK/EOF packet the backend sent on this connection. */
    public int serverStatus() {
        return context.getServerStatus();
    }

    /** Warning count of the last statement executed on this connection. */
    public int warnings() {
        return context.getWarning();
    }

    public boolean inTransaction() {
        return (context.getServerStatus() & STATUS_IN_TRANS) != 0;
    }

    /**
     * Brings this connection to {@code desired}: applies only the variables that differ (one SET)
     * and selects the schema if it differs (one USE). Nothing at all when it already carries it.
     */
    public void sync(ConnectionState desired) throws SQLException {
        ConnectionState applied = physical.applied;
        if (applied == desired) {
            return;
        }
        BackendTraits traits = pool.traits();
        StringBuilder set = null;
        Map<String, String> have = applied.variables();
        for (Map.Entry<String, String> e : desired.variables().entrySet()) {
            if (!e.getValue().equals(have.get(e.getKey()))) {
                set = appendAssignment(set, e.getKey(), e.getValue());
            }
        }
        for (String key : have.keySet()) {
            if (!desired.variables().containsKey(key)) {
                set = appendAssignment(set, key, traits.resetValue(key));
            }
        }
        String wantSchema = desired.schema() == null ? pool.schema() : desired.schema();
        String haveSchema = applied.schema() == null ? pool.schema() : applied.schema();
        physical.applied = PhysicalState.UNKNOWN; // until both succeed
        if (set != null) {
            executeInternal(set.toString());
        }
        if (wantSchema != null && !wantSchema.equals(haveSchema)) {
            executeInternal("USE `" + wantSchema.replace("`", "``") + "`");
        }
        physical.applied = desired;
    }

    /** LAST_INSERT_ID() this connection would answer, as far as the sidecar has seen. */
    public long lastInsertId() {
        return physical.lastInsertId;
    }

    public void lastInsertId(long id) {
        physical.lastInsertId = id;
    }

    /** Records that a statement the session ran changed this connection's state to {@code state}. */
    public void carries(ConnectionState state) {
        physical.applied = state;
    }

    private static StringBuilder appendAssignment(StringBuilder set, String key, String value) {
        if (set == null) {
            set = new StringBuilder(64).append("SET ");
        } else {
            set.append(", ");
        }
        return set.append(key).append(" = ").append(value);
    }

    /**
     * Prepares {@code sql} on the backend (COM_STMT_PREPARE, sent now) and deallocates it again: its
     * parameter count and result columns, or the backend's own error (syntax, unknown table) as an
     * SQLException.
     */
    public PreparedShape prepareShape(String sql) throws SQLException {
        try (java.sql.PreparedStatement ps = ConnectorInternals.serverPrepare(raw, sql)) {
            int parameters = ps.getParameterMetaData().getParameterCount();
            List<io.dbmesh.core.result.Column> columns = ps instanceof org.mariadb.jdbc.BasePreparedStatement bps
                    && bps.getMeta() != null ? ColumnMapping.fromDecoders(bps.getMeta()) : List.of();
            return new PreparedShape(parameters, columns);
        }
    }

    /** MariaDB's ER_NEED_REPREPARE: the statement's tables changed more than it re-prepares by itself. */
    static final int ER_NEED_REPREPARE = 1615;
    /** The backend holds max_prepared_stmt_count statements (of all its clients) already. */
    static final int ER_MAX_PREPARED_STMT_COUNT_REACHED = 1461;

    /** Binds the parameter values of one execution (the {@code java.sql.PreparedStatement} setters). */
    @FunctionalInterface
    public interface ParameterBinder {
        void bind(java.sql.PreparedStatement ps) throws SQLException;
    }

    /**
     * Executes {@code sql} (with {@code ?} placeholders) as a server-side prepared statement of this
     * connection: prepared on first use and kept ({@link ServerStatements}), then bound and executed
     * in the binary protocol (COM_STMT_EXECUTE), rows streaming {@code fetchSize} at a time. The
     * statement returned is kept: the caller closes its result, never the statement
     * ({@link StatementResults#close}). MariaDB's 1615 (tables changed under the statement) drops
     * it and prepares it once more; a statement whose connection broke is dropped with it.
     *
     * @return the executed statement, or null (nothing sent) when the backend refused to prepare one
     *         more statement (1461, its max_prepared_stmt_count): the caller runs it as text
     *
     * @param sending learns the statement before it is sent (KILL QUERY cancels it)
     */
    public java.sql.PreparedStatement executePrepared(String sql, ParameterBinder binder, int fetchSize,
                                                      java.util.function.Consumer<Statement> sending) throws SQLException {
        ServerStatements kept = physical.statements;
        String key = kept.key(physical.applied, sql);
        for (int attempt = 0; ; attempt++) {
            java.sql.PreparedStatement ps = kept.get(key);
            if (ps == null) {
                try {
                    ps = ConnectorInternals.serverPrepare(raw, sql);
                } catch (SQLException e) {
                    if (e.getErrorCode() == ER_MAX_PREPARED_STMT_COUNT_REACHED) return null; // the server's limit: text then
                    throw e;
                }
                ps.setFetchSize(fetchSize);
                kept.put(key, ps);
            }
            try {
                ps.clearParameters();
                binder.bind(ps);
                sending.accept(ps);
                String begin = deferredBegin;
                if (begin != null && ps instanceof PipelinedServerStatement pipelined && pipelined.prepared()
                        && BeginPipeline.supported(raw)) {
                    deferredBegin = null;
                    try {
                        pipelined.executeAfter(begin);
                    } catch (BeginPipeline.Failed f) {
                        beginFailed = true;
                        throw f.begin();
                    }
                } else {
                    beginAlone();
                    ps.execute();
                }
                return ps;
            } catch (SQLException e) {
                if (e.getErrorCode() == ER_NEED_REPREPARE || BackendErrors.connectionBroken(e) || raw.isClosed()) {
                    kept.remove(key);
                    if (e.getErrorCode() == ER_NEED_REPREPARE && attempt == 0) continue;
                }
                throw e;
            }
        }
    }

    /** Server-side statements this connection keeps (tests). */
    int keptStatements() {
        return physical.statements.size();
    }

    /** Runs a statement of the sidecar's own (state replay, rollback), discarding any result; a deferred BEGIN first. */
    public void executeInternal(String sql) throws SQLException {
        beginAlone();
        run(sql);
    }

    private void run(String sql) throws SQLException {
        try (Statement st = raw.createStatement()) {
            st.setEscapeProcessing(false);
            st.execute(sql);
        }
    }

    /**
     * Returns the connection to its pool. A transaction left open (the session went away in the
     * middle of one) is rolled back first, so the next user never inherits it.
     */
    public void release() {
        if (!giveBack()) {
            return;
        }
        if (aborted) {
            discardQuietly();
            return;
        }
        try {
            if (inTransaction()) {
                executeInternal("ROLLBACK");
            }
        } catch (SQLException e) {
            discardQuietly();
            return;
        }
        try {
            pooled.close();
        } catch (SQLException e) {
            // Hikari has taken it back all the same (or closed it itself): it is no longer ours to
            // evict, which could hit the session that borrowed it meanwhile. Its next borrower finds
            // its state unknown and evicts it then, as its owner (DataSourcePool.acquire).
            physical.applied = PhysicalState.UNKNOWN;
        }
    }

    /** Closes the physical connection instead of returning it: its state is unknown or broken. */
    public void discard() {
        if (giveBack()) {
            discardQuietly();
        }
    }

    /** Marks the connection given back; false when it already was (release and discard run once). */
    private synchronized boolean giveBack() {
        if (returned) return false;
        returned = true;
        return true;
    }

    /**
     * Aborts the physical connection (from another thread: a replica found down) unless the session
     * has given it back already: once back in the pool it may be another session's. The session then
     * sees its statement fail and discards it, or discards it when it releases it.
     */
    public synchronized boolean abortIfHeld(java.util.concurrent.Executor executor) throws SQLException {
        if (returned) return false;
        aborted = true;
        raw.abort(executor);
        return true;
    }

    private void discardQuietly() {
        physical.applied = PhysicalState.UNKNOWN;
        pool.evict(owner, pooled);
    }

    public boolean isReturned() {
        return returned;
    }
}
