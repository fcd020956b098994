package io.dbmesh.proxy.session;

import io.dbmesh.mesh.telemetry.RouteKind;
import io.dbmesh.mesh.telemetry.SessionTelemetry;
import io.dbmesh.proxy.backend.AccessIntent;
import io.dbmesh.proxy.backend.BackendConnection;
import io.dbmesh.proxy.backend.BackendErrors;
import io.dbmesh.proxy.backend.JdbcRowCursor;
import io.dbmesh.proxy.backend.StatementResults;
import io.dbmesh.core.error.MySqlException;
import io.dbmesh.proxy.command.ResultSink;
import io.dbmesh.proxy.sql.StatementFeatures;
import io.dbmesh.proxy.sql.StatementKind;
import io.dbmesh.core.result.RowCursor;
import io.dbmesh.core.result.UpdateResult;

import java.sql.SQLException;
import java.sql.Statement;

import static io.dbmesh.proxy.sql.StatementFeatures.has;

/**
 * The backend half of a session's statement: acquire a connection of the serving data source (the
 * bound one, or a pooled one brought to the session's state), run the statement over the text
 * protocol, stream every result to the sink, then settle the connection — keep it bound while
 * {@link Pins} require it, or give it back. Also tracks which backend connection is executing
 * right now, since its live server status is the session's.
 */
final class BackendStatements {

    private static final int STATUS_IN_TRANS = BackendConnection.STATUS_IN_TRANS;
    private static final int STATUS_AUTOCOMMIT = BackendConnection.STATUS_AUTOCOMMIT;
    private static final int STATUS_IN_TRANS_READONLY = BackendConnection.STATUS_IN_TRANS_READONLY;
    private static final int STATUS_NO_BACKSLASH_ESCAPES = BackendConnection.STATUS_NO_BACKSLASH_ESCAPES;

    private final SessionEnvironment env;
    private final SessionState state;
    private final SessionConnections connections;
    private final SidecarValues sidecarValues;
    /** The backend connection running the current statement: its status is the session's, live. */
    private BackendConnection executing;
    /** The backend statement running now, for KILL QUERY from another session. */
    private volatile Statement running;
    private final SessionTelemetry telemetry;

    BackendStatements(SessionEnvironment env, SessionState state, SessionConnections connections,
                      SidecarValues sidecarValues, SessionTelemetry telemetry) {
        this.telemetry = telemetry;
        this.env = env;
        this.state = state;
        this.connections = connections;
        this.sidecarValues = sidecarValues;
    }

    /** A statement of a passthrough database: one connection of the serving data source. */
    void passthrough(String sql, StatementKind kind, int features, ResultSink sink, boolean more) throws MySqlException {
        String ds = servingDataSource();
        AccessIntent intent = kind.readOnly() && !has(features, StatementFeatures.LOCKING_READ
                | StatementFeatures.NAMED_LOCK | StatementFeatures.ASSIGNS_USER_VARIABLE)
                ? AccessIntent.READ : AccessIntent.WRITE;
        BackendConnection c = acquire(ds, intent, sql);
        if (has(features, StatementFeatures.LAST_INSERT_ID) && c.lastInsertId() != state.lastInsertId) {
            try {
                // LAST_INSERT_ID() answers per connection: give this one the session's value
                c.executeInternal("SELECT LAST_INSERT_ID(" + state.lastInsertId + ")");
                c.lastInsertId(state.lastInsertId);
            } catch (SQLException e) {
                fail(ds, c, e);
            } catch (RuntimeException | Error e) {
                connections.discard(ds, c);
                throw e;
            }
        }
        execute(ds, c, sql, kind, features, sink, more);
    }

    /**
     * Runs {@code sql} on {@code c} and streams every result to the sink. A CALL (or EXECUTE of an
     * SQL-level prepared statement) may return several result sets, always followed by the final
     * OK of the CALL itself, so each of its result sets is sent with more=true.
     */
    void execute(String ds, BackendConnection c, String sql, StatementKind kind, int features,
                 ResultSink sink, boolean more) throws MySqlException {
        boolean multiResult = kind == StatementKind.CALL || kind == StatementKind.SQL_PREPARED
                || kind == StatementKind.COMPOUND;
        executing = c;
        Statement st = null;
        boolean answered = false; // nothing reached the client yet: a failed read may run elsewhere
        try {
            st = c.jdbc().createStatement();
            st.setEscapeProcessing(false);
            st.setFetchSize(JdbcRowCursor.FETCH_SIZE);
            java.io.InputStream infile = LocalInfile.of(sql, kind, sink, state.clientCharset);
            StatementResults.localInfile(st, infile);
            running = st;
            telemetry.route(route(ds, c));
            String traceparent = telemetry.backendTraceparent();
            long sent = System.nanoTime();
            boolean isResultSet;
            try {
                isResultSet = st.execute(traceparent == null ? sql : Traceparents.prefix(traceparent, sql));
            } catch (SQLException e) {
                telemetry.backendStatement(c.pool().name(), sql, sent, System.nanoTime(), Math.max(1, e.getErrorCode()));
                throw e;
            } finally {
                LocalInfile.finish(infile); // the rest of the client's file, if any, before the answer
            }
            telemetry.backendStatement(c.pool().name(), sql, sent, System.nanoTime(), 0);
            boolean promisedMore = false;
            boolean first = true;
            while (true) {
                if (isResultSet) {
                    promisedMore = multiResult || more;
                    answered = true;
                    RowCursor cursor = new JdbcRowCursor(st.getResultSet(), c::warnings);
                    if (kind == StatementKind.SHOW_VARIABLES) {
                        cursor = new SidecarVariablesCursor(cursor, sidecarValues.maxAllowedPacket(), env.serverVersion().reported());
                    }
                    sink.rows(cursor, promisedMore);
                } else {
                    long count = st.getLargeUpdateCount();
                    if (count < 0 && !first) {
                        break;
                    }
                    long insertId = StatementResults.lastInsertId(st);
                    if (insertId != 0) {
                        state.lastInsertId = insertId;
                        c.lastInsertId(insertId);
                    }
                    observe(c);
                    promisedMore = more;
                    answered = true;
                    sink.ok(new UpdateResult(Math.max(0, count), insertId, c.warnings(),
                            StatementResults.info(st, count, insertId)), more);
                }
                first = false;
                if (!multiResult) {
                    break;
                }
                isResultSet = st.getMoreResults();
                if (!isResultSet && st.getLargeUpdateCount() < 0) {
                    break;
                }
            }
            if (promisedMore && !more) {
                observe(c);
                sink.ok(UpdateResult.EMPTY, false); // a CALL whose final OK the driver did not surface
            }
        } catch (SQLException e) {
            closeQuietly(st);
            st = null;
            executing = null;
            if (!answered && connections.retryElsewhere(c, e, state.connection)) {
                // read/write splitting: a read whose replica died (or refused it) runs once more elsewhere
                if (BackendErrors.connectionBroken(e)) connections.discard(ds, c);
                else connections.settle(ds, c, connections.pins(ds));
                execute(ds, acquire(ds, AccessIntent.READ, sql), sql, kind, features, sink, more);
                return;
            }
            fail(ds, c, e, kind);
        } catch (RuntimeException | Error e) {
            // the sink failed (client gone mid-result): closing the statement would make Connector/J
            // read the rest of a possibly huge result; close the backend connection instead
            st = null;
            executing = null;
            connections.discard(ds, c);
            throw e;
        } finally {
            running = null;
            closeQuietly(st);
            executing = null;
        }
        // the backend's own word on state this statement changed (a routine, a trigger, …): read from
        // the status of the statement's last reply, which is this statement's only on success
        settle(ds, c, kind, features, false, Pins.heldByStatus(kind, c.serverStatus()));
    }

    /** The route label of a statement of data source {@code ds} on {@code c}: a replica when c's pool is not the data source's own. */
    private RouteKind route(String ds, BackendConnection c) {
        if (!c.pool().name().equals(ds)) return RouteKind.REPLICA;
        return env.replicaGroups().contains(ds) ? RouteKind.PRIMARY : RouteKind.PASSTHROUGH;
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

    /** After a statement: decide whether the connection stays bound to the session. */
    void settle(String ds, BackendConnection c, StatementKind kind, int features, boolean failed) {
        settle(ds, c, kind, features, failed, 0);
    }

    /** As above, with {@code extraPins} the caller found (see {@link Pins#heldByStatus}). */
    private void settle(String ds, BackendConnection c, StatementKind kind, int features, boolean failed, int extraPins) {
        observe(c);
        int previous = connections.pins(ds);
        int pins = previous & ~(Pins.TRANSACTION | Pins.NEXT_STATEMENT);
        boolean inTransaction = c.inTransaction();
        if (inTransaction) {
            pins |= Pins.TRANSACTION;
        }
        if ((pins & Pins.NEXT_TRANSACTION) != 0 && kind != StatementKind.SET && !inTransaction) {
            pins &= ~Pins.NEXT_TRANSACTION; // the transaction it applied to is over
        }
        if (!failed) {
            if (kind == StatementKind.DDL || kind == StatementKind.CREATE_TEMPORARY_TABLE) {
                env.prepareCache().clear(); // table shapes may have changed
            }
            pins |= Pins.heldBy(kind, features) | extraPins;
            if (kind == StatementKind.UNLOCK_TABLES) {
                pins &= ~Pins.TABLE_LOCKS;
            }
        } else {
            pins |= Pins.heldAfterFailure(kind);
        }
        if (failed || c.warnings() > 0 || (features > 0 && has(features, StatementFeatures.CALC_FOUND_ROWS))) {
            pins |= Pins.NEXT_STATEMENT; // SHOW WARNINGS, SHOW ERRORS, FOUND_ROWS() read this connection
        }
        connections.settle(ds, c, pins);
    }

    /** A backend error: keep or drop the connection, then report the backend's error. */
    void fail(String ds, BackendConnection c, SQLException e) throws MySqlException {
        fail(ds, c, e, StatementKind.OTHER);
    }

    /** As above, for a failed statement of {@code kind} (which may hold state even so, see {@link Pins#heldAfterFailure}). */
    private void fail(String ds, BackendConnection c, SQLException e, StatementKind kind) throws MySqlException {
        executing = null;
        if (BackendErrors.connectionBroken(e)) {
            connections.discard(ds, c);
            if (!c.isReturned()) {
                c.discard();
            }
        } else {
            settle(ds, c, kind, 0, true);
        }
        throw BackendErrors.toMySql(e, ds);
    }

    /** Work on a borrowed backend connection; may fail with the backend's SQLException. */
    @FunctionalInterface
    interface OnConnection<T> {
        T run(BackendConnection c) throws SQLException;
    }

    /**
     * The one shape of a short backend round trip (prepare, SET, field list): the connection is
     * acquired, marked executing, and given back on every exit — settled after success, kept or
     * dropped by {@link #fail} after a backend error, discarded after anything else (its state is
     * unknown: a driver surprise, the client gone mid-answer). No path leaves it borrowed.
     */
    <T> T withConnection(String ds, AccessIntent intent, StatementKind kind, OnConnection<T> work) throws MySqlException {
        BackendConnection c = acquire(ds, intent);
        executing = c;
        T result;
        try {
            result = work.run(c);
        } catch (SQLException e) {
            fail(ds, c, e);
            throw new IllegalStateException("unreachable: fail() throws", e);
        } catch (RuntimeException | Error e) {
            executing = null;
            if (!c.isReturned()) connections.discard(ds, c);
            throw e;
        }
        executing = null;
        settle(ds, c, kind, 0, false);
        return result;
    }

    BackendConnection acquire(String ds, AccessIntent intent) throws MySqlException {
        return acquire(ds, intent, null);
    }

    /** @param sql the statement, for read/write splitting (null: not a plain read) */
    BackendConnection acquire(String ds, AccessIntent intent, String sql) throws MySqlException {
        try {
            BackendConnection c = connections.acquire(ds, intent, state.connection, sql,
                    state.serving == null ? null : state.serving.name());
            state.servedBy(c.pool().traits());
            return c;
        } catch (SQLException e) {
            throw BackendErrors.toMySql(e, ds);
        }
    }

    /** The data source of the serving logical database: where unsharded statements run. */
    String servingDataSource() throws MySqlException {
        LogicalDatabase db = state.serving;
        if (db == null) {
            throw MySqlException.noDatabaseSelected();
        }
        return db.defaultDataSource();
    }

    /**
     * Marks {@code c} as the connection answering the current command (null: none), so that
     * packets written meanwhile carry its live status.
     */
    void executing(BackendConnection c) {
        executing = c;
    }

    /** The backend statement running now, or null. */
    Statement running() {
        return running;
    }

    /** SERVER_STATUS for the client: the executing connection's, else what the session last saw. */
    int serverStatus() {
        BackendConnection c = executing;
        int backend = c != null ? c.serverStatus() : state.lastBackendStatus;
        boolean autocommit = c != null ? (backend & STATUS_AUTOCOMMIT) != 0 : state.autocommit;
        int status = autocommit ? STATUS_AUTOCOMMIT : 0;
        int transaction = connections.boundStatus() | (c != null ? backend : 0);
        status |= transaction & (STATUS_IN_TRANS | STATUS_IN_TRANS_READONLY);
        status |= backend & STATUS_NO_BACKSLASH_ESCAPES;
        return status;
    }

    /** Whether the session's last backend reply had NO_BACKSLASH_ESCAPES set (how literals are escaped). */
    boolean noBackslashEscapes() {
        return (state.lastBackendStatus & STATUS_NO_BACKSLASH_ESCAPES) != 0;
    }

    private static void closeQuietly(Statement st) {
        if (st != null) {
            try {
                st.close();
            } catch (SQLException ignored) {
                // the connection reports it on its next use
            }
        }
    }
}
