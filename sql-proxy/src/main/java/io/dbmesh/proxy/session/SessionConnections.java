package io.dbmesh.proxy.session;

import io.dbmesh.proxy.backend.AccessIntent;
import io.dbmesh.proxy.backend.BackendConnection;
import io.dbmesh.proxy.backend.BackendErrors;
import io.dbmesh.proxy.backend.ConnectionState;
import io.dbmesh.proxy.backend.DataSourcePool;
import io.dbmesh.proxy.backend.PoolSelector;
import io.dbmesh.proxy.backend.RowCountMode;
import io.dbmesh.proxy.backend.replica.ReplicaGroup;
import io.dbmesh.proxy.backend.replica.ReplicaPoolSelector;
import io.dbmesh.proxy.backend.replica.ReplicaSession;
import io.dbmesh.core.error.MySqlException;
import io.dbmesh.proxy.sql.StatementFeatures;
import io.dbmesh.proxy.sql.StatementKind;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place where a session's backend connections are acquired, pinned and settled, for every
 * statement of every logical database (passthrough or sharded, see {@link SessionShardExecutor}) and
 * for the sidecar's own round trips ({@link #withConnection}, {@link #runInternal}). Connections are
 * keyed by data source: at most one bound connection per data source, held while {@link Pins} say
 * so. A statement borrows the bound connection if there is one, else a fresh one from the pool the
 * {@link PoolSelector} picks for its intent (a replica may serve a read), brought to the session's
 * state; {@link #settle(String, BackendConnection, StatementKind, int, boolean)} then binds it or
 * gives it back. The transaction coordinator plugs in here ({@link SessionTransactions}: a data
 * source first touched inside an XA transaction starts its branch, inside a local one joins it). Also tracks the connection
 * answering right now, whose live server status is the session's.
 */
final class SessionConnections {
    private static final Logger log = LoggerFactory.getLogger(SessionConnections.class);

    private static final class Binding {
        final BackendConnection connection;
        int pins;

        Binding(BackendConnection connection, int pins) {
            this.connection = connection;
            this.pins = pins;
        }
    }

    private static final int STATUS_IN_TRANS = BackendConnection.STATUS_IN_TRANS;
    private static final int STATUS_AUTOCOMMIT = BackendConnection.STATUS_AUTOCOMMIT;
    private static final int STATUS_IN_TRANS_READONLY = BackendConnection.STATUS_IN_TRANS_READONLY;
    private static final int STATUS_NO_BACKSLASH_ESCAPES = BackendConnection.STATUS_NO_BACKSLASH_ESCAPES;

    private final PoolSelector selector;
    private final RowCountMode rowCountMode;
    /** The session's state: replayed on every connection, updated from what the backends report. */
    private final SessionState state;
    /** Called after DDL or CREATE TEMPORARY TABLE succeeded: table shapes may have changed. */
    private final Runnable tableShapesChanged;
    /** The backend connection answering the current statement: its status is the session's, live. */
    private volatile BackendConnection executing;
    /** In binding order: COMMIT/ROLLBACK of a multi-shard transaction go shard by shard in this order. */
    private final Map<String, Binding> bound = new java.util.LinkedHashMap<>(4);
    /** Read/write splitting hook: non-null when some data sources are replica groups. */
    private final ReplicaSession replicas;
    /**
     * Connections handed out by {@link #acquire} and not yet seen back (pruned as they return): the
     * last line against a leak. Every path gives its connection back itself; whatever one forgets
     * is closed when the session ends, loudly, instead of holding a pool slot until restart.
     */
    private final List<BackendConnection> borrowed = new ArrayList<>(4);
    /** The session's transaction coordinator side: XA branches start when a connection is first bound. */
    private SessionTransactions transactions;
    /** A passthrough BEGIN not sent yet ({@link #deferBegin}): its text, or null. */
    private String pendingBegin;
    /** The data source {@link #pendingBegin} is for. */
    private String pendingBeginSource;
    private boolean pendingBeginReadOnly;

    SessionConnections(PoolSelector selector, RowCountMode rowCountMode, SessionState state, Runnable tableShapesChanged) {
        this.selector = selector;
        this.rowCountMode = rowCountMode;
        this.state = state;
        this.tableShapesChanged = tableShapesChanged;
        this.replicas = ReplicaPoolSelector.sessionOf(selector);
    }

    /** Connects the coordinator: from now on a data source first touched inside an XA transaction starts its branch. */
    void transactions(SessionTransactions transactions) {
        this.transactions = transactions;
    }

    /** The replica groups behind this session (for SHOW DBMESH REPLICAS); empty without any. */
    List<ReplicaGroup> replicaGroups() {
        return replicas == null ? List.of() : replicas.groups();
    }

    /** The connection for the next statement on {@code dataSource}, carrying the session's state. */
    BackendConnection acquire(String dataSource, AccessIntent intent) throws SQLException {
        return acquire(dataSource, intent, null);
    }

    /**
     * Like {@link #acquire(String, AccessIntent)}, with the statement's text (null: not a plain read),
     * which read/write splitting needs (hints, locking reads); the session's logical database decides
     * the read consistency.
     */
    BackendConnection acquire(String dataSource, AccessIntent intent, String sql) throws SQLException {
        return acquire(dataSource, intent, sql, false);
    }

    /**
     * As {@link #acquire(String, AccessIntent, String)}; {@code changesNoData}: the statement about to
     * run cannot change data, so a local transaction joining here may send its BEGIN in the
     * statement's round trip ({@link BackendConnection#deferBegin}). The data source counts as joined
     * at once; {@link #settle(String, BackendConnection, int)} and {@link #discard(String, BackendConnection)}
     * undo that when the BEGIN did not open the transaction.
     */
    BackendConnection acquire(String dataSource, AccessIntent intent, String sql, boolean changesNoData) throws SQLException {
        BackendConnection c = acquire(dataSource, intent, state.connection, sql,
                state.serving == null ? null : state.serving.name(), changesNoData);
        state.servedBy(c.pool().traits());
        return c;
    }

    private BackendConnection acquire(String dataSource, AccessIntent intent, ConnectionState state, String sql,
                                      String database, boolean changesNoData) throws SQLException {
        Binding b = bound.get(dataSource);
        if (b != null) {
            b.connection.sync(state);
            if (openPendingBegin(dataSource, b.connection, changesNoData)) b.pins |= Pins.TRANSACTION;
            if ((b.pins & Pins.TRANSACTION) == 0 && transactions != null && transactions.localOpen()
                    && !transactions.active()) {
                // bound for another reason (warnings to show, SET TRANSACTION, temporary tables): it joins now
                transactions.join(dataSource, b.connection);
                if (b.connection.inTransaction()) b.pins |= Pins.TRANSACTION;
            }
            return b.connection;
        }
        BackendConnection c;
        if (replicas != null && replicas.isGroup(dataSource)) {
            c = replicas.acquire(dataSource, intent, sql, database, inTransaction(state), state, rowCountMode);
        } else {
            DataSourcePool pool = selector.select(dataSource, intent);
            c = pool.acquire(rowCountMode);
        }
        try {
            c.sync(state);
            if (transactions != null && transactions.active()) {
                // the XA transaction first touches this data source: its branch starts here and the
                // connection stays bound to the session until COMMIT/ROLLBACK
                transactions.enlist(dataSource, c);
                if (replicas != null) replicas.kept(c);
                bound.put(dataSource, new Binding(c, Pins.TRANSACTION));
            } else if (transactions != null && transactions.localOpen()) {
                // the local transaction first touches this data source: it joins (BEGIN there, lazily),
                // with the BEGIN in the statement's own round trip when it may go there
                if (changesNoData && transactions.joinWithStatement(dataSource, c)) {
                    if (replicas != null) replicas.kept(c);
                    bound.put(dataSource, new Binding(c, Pins.TRANSACTION));
                } else {
                    transactions.join(dataSource, c);
                    if (c.inTransaction()) {
                        if (replicas != null) replicas.kept(c);
                        bound.put(dataSource, new Binding(c, Pins.TRANSACTION));
                    }
                }
            } else if (openPendingBegin(dataSource, c, changesNoData)) {
                if (replicas != null) replicas.kept(c);
                bound.put(dataSource, new Binding(c, Pins.TRANSACTION));
            }
        } catch (SQLException | RuntimeException e) {
            if (replicas != null) replicas.discarded(c);
            c.discard();
            throw e;
        }
        borrowed.removeIf(BackendConnection::isReturned);
        borrowed.add(c);
        return c;
    }

    /**
     * A passthrough client's BEGIN ({@code sql}, a plain one) on {@code dataSource}, not sent yet: the
     * next statement there takes it along — in its own round trip when it changes no data
     * ({@link BackendConnection#deferBegin}), else run just before it. Only while nothing is open
     * (no transaction, autocommit on); the session handler sends it ({@link #sendPendingBegin})
     * before any client statement that is not a plain read, so it never outlives the next statement
     * that could change what it means (SET autocommit, COMMIT, another BEGIN, DDL).
     */
    void deferBegin(String dataSource, String sql, boolean readOnly) {
        pendingBegin = sql;
        pendingBeginSource = dataSource;
        pendingBeginReadOnly = readOnly;
    }

    /** Whether {@code dataSource} is a replica group (its transactions are routed by their BEGIN, see ReadEligibility). */
    boolean replicaGroup(String dataSource) {
        return replicas != null && replicas.isGroup(dataSource);
    }

    /** A deferred passthrough BEGIN waits for its data source's next statement. */
    boolean beginPending() {
        return pendingBegin != null;
    }

    /** Sends the deferred passthrough BEGIN now, in a round trip of its own (its error is the client's). */
    void sendPendingBegin() throws MySqlException {
        String ds = pendingBeginSource;
        if (pendingBegin == null) return;
        BackendConnection c = runInternal(ds, null); // acquiring runs it (openPendingBegin)
        settle(ds, c, pins(ds) | (c.inTransaction() ? Pins.TRANSACTION : 0));
    }

    /**
     * Hands the deferred passthrough BEGIN of {@code dataSource}, if any, to {@code c}: deferred to
     * the statement about to run when that changes no data, else run now. True when there was one.
     */
    private boolean openPendingBegin(String dataSource, BackendConnection c, boolean changesNoData) throws SQLException {
        String begin = pendingBegin;
        if (begin == null || !dataSource.equals(pendingBeginSource)) return false;
        pendingBegin = null;
        pendingBeginSource = null;
        if (changesNoData) c.deferBegin(begin);
        else c.executeInternal(begin);
        return true;
    }

    /** An XA transaction is open for the session (it may not have touched any data source yet). */
    boolean globalTransactionOpen() {
        return transactions != null && transactions.active();
    }

    /** An explicit transaction is open on some data source, or autocommit is off (every statement opens one). */
    boolean inTransactionOrAutocommitOff() {
        return inTransaction(state.connection);
    }

    /** An explicit transaction is open on some data source, or autocommit is off (every statement opens one). */
    private boolean inTransaction(ConnectionState state) {
        if ("0".equals(state.variables().get("autocommit"))) return true;
        if (pendingBegin != null) return true;
        if (globalTransactionOpen() || (transactions != null && transactions.localOpen())) return true;
        for (Binding b : bound.values()) {
            if ((b.pins & Pins.TRANSACTION) != 0) return true;
        }
        return false;
    }

    /**
     * A statement failed on {@code c} before any result reached the client: true when it may run
     * once more on another member (a read outside a transaction whose replica died or refused it);
     * the caller discards {@code c} and acquires again.
     */
    boolean retryElsewhere(BackendConnection c, SQLException e) {
        return replicas != null && replicas.retryElsewhere(c, e, inTransaction(state.connection));
    }

    /**
     * Gives {@code c} the session's LAST_INSERT_ID() before a statement that reads it: the function
     * answers per connection, and the session's value may come from another one.
     */
    void seedLastInsertId(BackendConnection c) throws SQLException {
        long id = state.lastInsertId;
        if (c.lastInsertId() != id) {
            c.executeInternal("SELECT LAST_INSERT_ID(" + id + ")");
            c.lastInsertId(id);
        }
    }

    /** Pins currently holding the connection of {@code dataSource} (0 when none is bound). */
    int pins(String dataSource) {
        Binding b = bound.get(dataSource);
        return b == null ? 0 : b.pins;
    }

    /** Whether some bound connection holds {@code pin}. */
    boolean anyPinned(int pin) {
        for (Binding b : bound.values()) if ((b.pins & pin) != 0) return true;
        return false;
    }

    boolean isBound(String dataSource) {
        return bound.containsKey(dataSource);
    }

    /** The connection bound for {@code dataSource}, or null. */
    BackendConnection boundConnection(String dataSource) {
        Binding b = bound.get(dataSource);
        return b == null ? null : b.connection;
    }

    /**
     * After a client statement of {@code kind} ran on {@code c} (or failed there): the pins it holds
     * now — an open transaction, what the statement is and does ({@link Pins#heldBy}), state the
     * backend reports it changed ({@link Pins#heldByStatus}), warnings or FOUND_ROWS() for the next
     * statement — decide whether the connection stays bound to the session or goes back. A
     * scatter's extra connection (another one is bound for the data source) always goes back, or is
     * closed when the backend reports state changed on it.
     */
    void settle(String dataSource, BackendConnection c, StatementKind kind, int features, boolean failed) {
        settle(dataSource, c, kind, features, failed, !failed);
    }

    /**
     * @param statusCounts whether the backend's SESSION_STATE_CHANGED flag is the statement's own: not
     *                     after the sidecar's round trips (a COM_STMT_PREPARE sets it) nor after a
     *                     failure (the flag may be the state replay's)
     */
    private void settle(String dataSource, BackendConnection c, StatementKind kind, int features, boolean failed,
                        boolean statusCounts) {
        observe(c);
        if (executing == c) executing = null;
        int changed = statusCounts ? Pins.heldByStatus(kind, c.serverStatus()) : 0;
        Binding b = bound.get(dataSource);
        if (b != null && b.connection != c) {
            if (changed != 0) discard(c);
            else release(c);
            return;
        }
        int pins = (b == null ? 0 : b.pins) & ~(Pins.TRANSACTION | Pins.NEXT_STATEMENT);
        boolean inTransaction = c.inTransaction();
        if (inTransaction) pins |= Pins.TRANSACTION;
        if ((pins & Pins.NEXT_TRANSACTION) != 0 && kind != StatementKind.SET && !inTransaction) {
            pins &= ~Pins.NEXT_TRANSACTION; // the transaction it applied to is over
        }
        if (!failed) {
            if (kind == StatementKind.DDL || kind == StatementKind.CREATE_TEMPORARY_TABLE) tableShapesChanged.run();
            pins |= Pins.heldBy(kind, features) | changed;
            if (kind == StatementKind.UNLOCK_TABLES) pins &= ~Pins.TABLE_LOCKS;
        } else {
            pins |= Pins.heldAfterFailure(kind); // a routine may have changed state before its error
        }
        if (failed || c.warnings() > 0 || (features > 0 && StatementFeatures.has(features, StatementFeatures.CALC_FOUND_ROWS))) {
            pins |= Pins.NEXT_STATEMENT; // SHOW WARNINGS, SHOW ERRORS, FOUND_ROWS() read this connection
        }
        settle(dataSource, c, pins);
    }

    /**
     * A backend error on {@code c}: a broken connection is dropped, any other is settled as after a
     * failed statement of {@code kind}; answers the error for the client.
     */
    MySqlException fail(String dataSource, BackendConnection c, SQLException e, StatementKind kind) {
        if (executing == c) executing = null;
        if (BackendErrors.connectionBroken(e)) {
            discard(dataSource, c);
        } else {
            settle(dataSource, c, kind, 0, true);
        }
        return BackendErrors.toMySql(e, dataSource);
    }

    /** Work on a borrowed backend connection; may fail with the backend's SQLException. */
    @FunctionalInterface
    interface OnConnection<T> {
        T run(BackendConnection c) throws SQLException;
    }

    /**
     * The one shape of a short round trip of the sidecar's (prepare, SET, field list, catalog
     * lookups): the connection is acquired, marked executing, and given back on every exit — settled
     * as after a statement of {@code kind} on success, kept or dropped by {@link #fail} after a
     * backend error, discarded after anything else (its state is unknown: a driver surprise, the
     * client gone mid-answer). No path leaves it borrowed.
     */
    <T> T withConnection(String dataSource, AccessIntent intent, StatementKind kind, OnConnection<T> work) throws MySqlException {
        BackendConnection c;
        try {
            c = acquire(dataSource, intent);
        } catch (SQLException e) {
            throw BackendErrors.toMySql(e, dataSource);
        }
        executing = c;
        T result;
        try {
            result = work.run(c);
        } catch (SQLException e) {
            throw fail(dataSource, c, e, StatementKind.OTHER);
        } catch (RuntimeException | Error e) {
            if (executing == c) executing = null;
            if (!c.isReturned()) discard(dataSource, c);
            throw e;
        }
        if (!c.isReturned()) settle(dataSource, c, kind, 0, false, false);
        return result;
    }

    /** Takes the session-visible status from the backend connection that just answered. */
    void observe(BackendConnection c) {
        int status = c.serverStatus();
        state.lastBackendStatus = status;
        boolean autocommit = (status & STATUS_AUTOCOMMIT) != 0;
        if (autocommit != state.autocommit) {
            state.autocommit = autocommit;
            state.connection = autocommit ? state.connection.withoutVariable("autocommit")
                    : state.connection.withVariable("autocommit", "0");
            c.carries(state.connection);
        }
    }

    /** Marks {@code c} as the connection answering the current statement: packets written meanwhile carry its live status. */
    void executing(BackendConnection c) {
        executing = c;
    }

    /** SERVER_STATUS for the client: the executing connection's, else what the session last saw. */
    int serverStatus() {
        BackendConnection c = executing;
        int backend = c != null ? c.serverStatus() : state.lastBackendStatus;
        boolean autocommit = c != null ? (backend & STATUS_AUTOCOMMIT) != 0 : state.autocommit;
        int status = autocommit ? STATUS_AUTOCOMMIT : 0;
        int transaction = boundStatus() | (c != null ? backend : 0);
        status |= transaction & (STATUS_IN_TRANS | STATUS_IN_TRANS_READONLY);
        status |= backend & STATUS_NO_BACKSLASH_ESCAPES;
        return status;
    }

    /** Whether the session's last backend reply had NO_BACKSLASH_ESCAPES set (how literals are escaped). */
    boolean noBackslashEscapes() {
        return (state.lastBackendStatus & STATUS_NO_BACKSLASH_ESCAPES) != 0;
    }

    /** After a statement ran on {@code c}: keep it bound for {@code pins}, or give it back when 0. */
    void settle(String dataSource, BackendConnection c, int pins) {
        if (c.beginMissing()) {
            beginMissing(dataSource);
            if (!c.inTransaction()) pins &= ~Pins.TRANSACTION;
        }
        if (transactions != null && transactions.holds(dataSource, c)) {
            pins |= Pins.TRANSACTION; // an XA branch's connection serves the transaction to its end
        }
        Binding b = bound.get(dataSource);
        if (pins != 0) {
            if (replicas != null) replicas.kept(c);
            if (b == null) {
                bound.put(dataSource, new Binding(c, pins));
            } else {
                b.pins = pins;
            }
            return;
        }
        if (b != null) {
            bound.remove(dataSource);
            if ((b.pins & Pins.DIRTY) != 0) {
                discard(c);
                return;
            }
        }
        release(c);
    }

    /**
     * The BEGIN deferred to a statement on {@code dataSource} did not open the transaction there (it
     * failed, or the statement never went out): the data source has not joined after all.
     */
    private void beginMissing(String dataSource) {
        if (transactions != null) transactions.notJoined(dataSource);
    }

    private void release(BackendConnection c) {
        if (replicas != null) replicas.beforeRelease(c);
        c.release();
    }

    private void discard(BackendConnection c) {
        if (executing == c) executing = null;
        if (replicas != null) replicas.discarded(c);
        if (!c.isReturned()) c.discard();
    }

    /**
     * Runs a statement of the sidecar's (BEGIN, LOCK TABLES...) on the session's write connection of
     * {@code dataSource} and hands the connection back for the caller to settle with the pins it
     * wants; when the statement fails the connection is settled (or discarded, if broken) here.
     */
    BackendConnection runInternal(String dataSource, String sql) throws MySqlException {
        BackendConnection c;
        try {
            c = acquire(dataSource, AccessIntent.WRITE);
        } catch (SQLException e) {
            throw BackendErrors.toMySql(e, dataSource);
        }
        try {
            if (sql != null) c.executeInternal(sql);
        } catch (SQLException e) {
            if (BackendErrors.connectionBroken(e)) discard(dataSource, c);
            else settle(dataSource, c, pins(dataSource));
            throw BackendErrors.toMySql(e, dataSource);
        }
        return c;
    }

    /** The statement broke the connection: drop it without returning it to the pool. */
    void discard(String dataSource, BackendConnection c) {
        if (c.beginMissing()) beginMissing(dataSource);
        Binding b = bound.get(dataSource);
        if (b != null && b.connection == c) bound.remove(dataSource);
        discard(c);
    }

    /** Bound connections with an open transaction (for COMMIT/ROLLBACK across data sources). */
    List<Map.Entry<String, BackendConnection>> inTransaction() {
        List<Map.Entry<String, BackendConnection>> out = new ArrayList<>(1);
        for (Map.Entry<String, Binding> e : bound.entrySet()) {
            if ((e.getValue().pins & Pins.TRANSACTION) != 0) {
                out.add(Map.entry(e.getKey(), e.getValue().connection));
            }
        }
        return out;
    }

    /** Server status of the bound connections, OR-ed (IN_TRANS, IN_TRANS_READONLY). */
    int boundStatus() {
        int status = transactions == null ? 0 : transactions.status(); // IN_TRANS from BEGIN on, before any backend has one
        if (pendingBegin != null) status |= STATUS_IN_TRANS | (pendingBeginReadOnly ? STATUS_IN_TRANS_READONLY : 0);
        for (Binding b : bound.values()) {
            status |= b.connection.serverStatus();
        }
        return status;
    }

    /** Gives everything back: transactions roll back, connections with non-replayable state are closed. */
    void releaseAll() {
        pendingBegin = null;
        pendingBeginSource = null;
        for (Binding b : bound.values()) {
            if (replicas != null) replicas.discarded(b.connection);
            if ((b.pins & Pins.DIRTY) != 0) {
                b.connection.discard();
            } else {
                b.connection.release(); // rolls back an open transaction first
            }
        }
        bound.clear();
        for (BackendConnection c : borrowed) {
            if (!c.isReturned()) {
                log.error("a backend connection of pool '{}' was never given back by the statement that borrowed it;"
                        + " closing it at session end", c.pool().name());
                if (replicas != null) replicas.discarded(c);
                c.discard();
            }
        }
        borrowed.clear();
    }
}
