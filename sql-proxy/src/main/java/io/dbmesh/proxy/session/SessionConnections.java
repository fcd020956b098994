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

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The binding of one session to backend connections, keyed by data source: at most one bound
 * connection per data source, held while {@link Pins} say so. A statement borrows the bound
 * connection if there is one, else a fresh one from the pool the {@link PoolSelector} picks for
 * its intent (a replica may serve a read); {@link #settle} then binds it or gives it back.
 * Multi-data-source transactions (XA, Seata) build on this: one bound connection per shard.
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

    private final PoolSelector selector;
    private final RowCountMode rowCountMode;
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

    SessionConnections(PoolSelector selector, RowCountMode rowCountMode) {
        this.selector = selector;
        this.rowCountMode = rowCountMode;
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

    /** The connection for the next statement on {@code dataSource}, carrying {@code state}. */
    BackendConnection acquire(String dataSource, AccessIntent intent, ConnectionState state) throws SQLException {
        return acquire(dataSource, intent, state, null, null);
    }

    /**
     * Like {@link #acquire(String, AccessIntent, ConnectionState)}, with the statement's text and the
     * session's logical database, which read/write splitting needs (hints, locking reads, consistency).
     */
    BackendConnection acquire(String dataSource, AccessIntent intent, ConnectionState state, String sql,
                              String database) throws SQLException {
        Binding b = bound.get(dataSource);
        if (b != null) {
            b.connection.sync(state);
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

    /** An XA transaction is open for the session (it may not have touched any data source yet). */
    boolean globalTransactionOpen() {
        return transactions != null && transactions.active();
    }

    /** An explicit transaction is open on some data source, or autocommit is off (every statement opens one). */
    private boolean inTransaction(ConnectionState state) {
        if ("0".equals(state.variables().get("autocommit"))) return true;
        if (globalTransactionOpen()) return true;
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
    boolean retryElsewhere(BackendConnection c, SQLException e, ConnectionState state) {
        return replicas != null && replicas.retryElsewhere(c, e, inTransaction(state));
    }

    /** Pins currently holding the connection of {@code dataSource} (0 when none is bound). */
    int pins(String dataSource) {
        Binding b = bound.get(dataSource);
        return b == null ? 0 : b.pins;
    }

    boolean isBound(String dataSource) {
        return bound.containsKey(dataSource);
    }

    /** The connection bound for {@code dataSource}, or null. */
    BackendConnection boundConnection(String dataSource) {
        Binding b = bound.get(dataSource);
        return b == null ? null : b.connection;
    }

    /** After a statement ran on {@code c}: keep it bound for {@code pins}, or give it back when 0. */
    void settle(String dataSource, BackendConnection c, int pins) {
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
                if (replicas != null) replicas.discarded(c);
                c.discard();
                return;
            }
        }
        if (replicas != null) replicas.beforeRelease(c);
        c.release();
    }

    /**
     * Runs a statement of the sidecar's (BEGIN, LOCK TABLES...) on the session's write connection of
     * {@code dataSource} and hands the connection back for the caller to settle with the pins it
     * wants; when the statement fails the connection is settled (or discarded, if broken) here.
     */
    BackendConnection runInternal(String dataSource, String sql, ConnectionState state) throws MySqlException {
        BackendConnection c;
        try {
            c = acquire(dataSource, AccessIntent.WRITE, state);
        } catch (SQLException e) {
            throw BackendErrors.toMySql(e, dataSource);
        }
        try {
            c.executeInternal(sql);
        } catch (SQLException e) {
            if (BackendErrors.connectionBroken(e)) discard(dataSource, c);
            else settle(dataSource, c, pins(dataSource));
            throw BackendErrors.toMySql(e, dataSource);
        }
        return c;
    }

    /** The statement broke the connection: drop it without returning it to the pool. */
    void discard(String dataSource, BackendConnection c) {
        bound.remove(dataSource);
        if (replicas != null) replicas.discarded(c);
        c.discard();
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
        int status = globalTransactionOpen() ? BackendConnection.STATUS_IN_TRANS : 0;
        for (Binding b : bound.values()) {
            status |= b.connection.serverStatus();
        }
        return status;
    }

    /** Gives everything back: transactions roll back, connections with non-replayable state are closed. */
    void releaseAll() {
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
