package io.dbmesh.proxy.session;

import io.dbmesh.mesh.telemetry.SessionTelemetry;
import io.dbmesh.proxy.backend.AccessIntent;
import io.dbmesh.proxy.backend.BackendConnection;
import io.dbmesh.proxy.backend.BackendErrors;
import io.dbmesh.proxy.backend.ConnectionState;
import io.dbmesh.proxy.backend.JdbcRowCursor;
import io.dbmesh.proxy.backend.StatementResults;
import io.dbmesh.sharding.PhysicalStatement;
import io.dbmesh.sharding.ShardExecutor;
import io.dbmesh.sharding.ShardResult;
import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.RowCursor;
import io.dbmesh.core.result.UpdateResult;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The sharding engine's {@link ShardExecutor} for one session, over the session's
 * {@link SessionConnections}: a statement runs on the connection bound to the session for its data
 * source, or on a pooled one brought to the session's state. A connection that is in a transaction
 * after the statement is bound to the session at once (before its rows are read), so every later
 * statement of the transaction on that data source uses it; a pooled one goes back when its cursor
 * is closed. COMMIT/ROLLBACK are the session's: they end the transaction on every bound connection,
 * one after the other in local mode (not atomic across data sources), through the XA coordinator in
 * xa mode ({@link SessionTransactions}, which starts each branch when {@link SessionConnections}
 * first binds a connection of the transaction).
 */
final class SessionShardExecutor implements ShardExecutor {

    private final SessionConnections connections;
    private final Supplier<ConnectionState> state;
    private final long lastInsertId;
    private final boolean usesLastInsertId;
    private final SessionTelemetry telemetry;
    private final java.util.Set<Statement> running;
    private int shardWarnings;

    /**
     * @param lastInsertId     the session's LAST_INSERT_ID(), given to a connection before a statement that reads it
     * @param usesLastInsertId whether the client statement calls LAST_INSERT_ID()
     */
    SessionShardExecutor(SessionConnections connections, Supplier<ConnectionState> state, long lastInsertId,
                         boolean usesLastInsertId, SessionTelemetry telemetry) {
        this(connections, state, lastInsertId, usesLastInsertId, telemetry, null);
    }

    /** @param running receives every backend statement sent, so that KILL QUERY can cancel them (null: not tracked) */
    SessionShardExecutor(SessionConnections connections, Supplier<ConnectionState> state, long lastInsertId,
                         boolean usesLastInsertId, SessionTelemetry telemetry, java.util.Set<Statement> running) {
        this.telemetry = telemetry;
        this.connections = connections;
        this.state = state;
        this.lastInsertId = lastInsertId;
        this.usesLastInsertId = usesLastInsertId;
        this.running = running;
    }

    @Override
    public ShardResult execute(PhysicalStatement s) throws SQLException {
        BackendConnection c = acquire(s);
        Statement st;
        try {
            st = send(s, c);
        } catch (SQLException e) {
            if (failed(s, c, e)) return execute(s); // once: nothing of this statement reached the client yet
            throw e;
        }
        return finish(s, c, st);
    }

    /**
     * The shards of one route, concurrently when they are plain reads outside a transaction on
     * distinct connections: each statement is sent and its first answer awaited on a thread of its
     * own (for a scatter ORDER BY, each shard's sort), so the route takes as long as its slowest
     * shard, not the sum. Only the JDBC round trips run in parallel: acquiring, settling and
     * binding connections stay on the session's thread ({@link SessionConnections} is not
     * thread-safe). With command threads on an event loop the child threads run on that loop too,
     * each parked while its shard works. Anything else runs one after the other.
     */
    @Override
    public List<ShardResult> executeAll(List<PhysicalStatement> statements) throws SQLException {
        if (statements.size() < 2 || !parallelizable(statements)) return ShardExecutor.super.executeAll(statements);
        List<BackendConnection> acquired = new ArrayList<>(statements.size());
        try {
            for (PhysicalStatement s : statements) acquired.add(acquire(s));
        } catch (SQLException | RuntimeException e) {
            settleAll(statements, acquired);
            throw e;
        }
        if (acquired.stream().distinct().count() < acquired.size()) { // a connection bound to the session serves two
            settleAll(statements, acquired);
            return ShardExecutor.super.executeAll(statements);
        }
        List<CompletableFuture<Statement>> sent = new ArrayList<>(statements.size());
        for (int i = 0; i < statements.size(); i++) {
            PhysicalStatement s = statements.get(i);
            BackendConnection c = acquired.get(i);
            CompletableFuture<Statement> f = new CompletableFuture<>();
            Thread.ofVirtual().name("dbmesh-shard").start(() -> {
                try {
                    f.complete(send(s, c));
                } catch (Throwable t) {
                    f.completeExceptionally(t);
                }
            });
            sent.add(f);
        }
        Statement[] answered = new Statement[statements.size()];
        Exception first = null;
        boolean again = false;
        for (int i = 0; i < statements.size(); i++) {
            PhysicalStatement s = statements.get(i);
            BackendConnection c = acquired.get(i);
            try {
                answered[i] = join(sent.get(i));
            } catch (SQLException e) {
                // a replica that died fails every shard sent to it at once: the member is now marked
                // down, so the one-by-one run below no longer picks it
                again |= failed(s, c, e) || BackendErrors.connectionBroken(e);
                if (first == null) first = e;
            } catch (RuntimeException e) {
                connections.discard(s.dataSource(), c);
                if (first == null) first = e;
            }
        }
        if (first != null) {
            for (int i = 0; i < answered.length; i++) {
                if (answered[i] != null) closeAndSettle(statements.get(i), acquired.get(i), answered[i]);
            }
            if (again && first instanceof SQLException) return ShardExecutor.super.executeAll(statements);
            if (first instanceof SQLException e) throw e;
            throw (RuntimeException) first;
        }
        List<ShardResult> results = new ArrayList<>(statements.size());
        int i = 0;
        try {
            for (; i < statements.size(); i++) results.add(finish(statements.get(i), acquired.get(i), answered[i]));
            return results;
        } catch (SQLException | RuntimeException e) {
            for (ShardResult r : results) if (r instanceof ShardResult.Rows rows) rows.cursor().close();
            for (int j = i + 1; j < statements.size(); j++) closeAndSettle(statements.get(j), acquired.get(j), answered[j]);
            throw e;
        }
    }

    /** Gives back the connections acquired so far for the first statements, unused. */
    private void settleAll(List<PhysicalStatement> statements, List<BackendConnection> acquired) {
        for (int i = 0; i < acquired.size(); i++) settle(statements.get(i).dataSource(), acquired.get(i));
    }

    private boolean parallelizable(List<PhysicalStatement> statements) {
        if ("0".equals(state.get().variables().get("autocommit")) || !connections.inTransaction().isEmpty()
                || connections.globalTransactionOpen()) return false;
        for (PhysicalStatement s : statements) if (!isRead(s) || usesLastInsertId) return false;
        return true;
    }

    private static boolean isRead(PhysicalStatement s) {
        return s.sql().regionMatches(true, 0, "SELECT", 0, 6) || s.sql().regionMatches(true, 0, "SHOW", 0, 4);
    }

    private static Statement join(CompletableFuture<Statement> sent) throws SQLException {
        try {
            return sent.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) throw sql;
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a shard", "70100", e);
        }
    }

    private BackendConnection acquire(PhysicalStatement s) throws SQLException {
        // the SQL lets read/write splitting send plain reads of a replica group to a replica
        return connections.acquire(s.dataSource(), isRead(s) ? AccessIntent.READ : AccessIntent.WRITE, state.get(), s.sql(), null);
    }

    /**
     * Sends {@code s} on {@code c} and waits for its first answer; may run off the session's
     * thread, so it touches the connection only, never the session's bindings. On failure the
     * statement is closed and the caller decides about the connection ({@link #failed}).
     */
    private Statement send(PhysicalStatement s, BackendConnection c) throws SQLException {
        Statement st = null;
        long sent = System.nanoTime();
        try {
            if (usesLastInsertId && c.lastInsertId() != lastInsertId) {
                c.executeInternal("SELECT LAST_INSERT_ID(" + lastInsertId + ")");
                c.lastInsertId(lastInsertId);
            }
            String traceparent = telemetry.backendTraceparent();
            String sql = traceparent == null ? s.sql() : Traceparents.prefix(traceparent, s.sql());
            if (s.parameters().isEmpty()) {
                st = c.jdbc().createStatement();
                if (running != null) running.add(st);
                st.setEscapeProcessing(false);
                st.setFetchSize(JdbcRowCursor.FETCH_SIZE);
                st.execute(sql);
            } else {
                PreparedStatement ps = c.jdbc().prepareStatement(sql);
                st = ps;
                if (running != null) running.add(st);
                ps.setFetchSize(JdbcRowCursor.FETCH_SIZE);
                List<Object> params = s.parameters();
                for (int i = 0; i < params.size(); i++) ps.setObject(i + 1, params.get(i));
                ps.execute();
            }
            telemetry.backendStatement(c.pool().name(), s.sql(), sent, System.nanoTime(), 0);
            return st;
        } catch (SQLException e) {
            telemetry.backendStatement(c.pool().name(), s.sql(), sent, System.nanoTime(), Math.max(1, e.getErrorCode()));
            if (st != null) {
                try {
                    st.close();
                } catch (SQLException ignored) {
                    // the connection reports it on its next use
                }
            }
            throw e;
        }
    }

    /** The statement's result, on the session's thread: rows stream from a bound or pooled connection. */
    private ShardResult finish(PhysicalStatement s, BackendConnection c, Statement st) throws SQLException {
        String ds = s.dataSource();
        try {
            java.sql.ResultSet rs = st.getResultSet();
            if (rs != null) {
                bindIfInTransaction(ds, c);
                return new ShardResult.Rows(new SettlingCursor(new JdbcRowCursor(rs, c::warnings), st, ds, c));
            }
            long count = Math.max(0, st.getLargeUpdateCount());
            long insertId = StatementResults.lastInsertId(st);
            if (insertId != 0) c.lastInsertId(insertId);
            UpdateResult result = new UpdateResult(count, insertId, c.warnings(), StatementResults.info(st, count, insertId));
            st.close();
            settle(ds, c);
            return new ShardResult.Updated(result);
        } catch (SQLException e) {
            try {
                st.close();
            } catch (SQLException ignored) {
                // the connection reports it on its next use
            }
            failed(s, c, e);
            throw e;
        }
    }

    /** A shard's statement failed: gives back or drops its connection; true when it may run once more elsewhere. */
    private boolean failed(PhysicalStatement s, BackendConnection c, SQLException e) {
        boolean retry = connections.retryElsewhere(c, e, state.get()); // a replica died or refused a read
        if (BackendErrors.connectionBroken(e)) connections.discard(s.dataSource(), c);
        else settle(s.dataSource(), c);
        return retry;
    }

    /** A shard answered after another failed: its answer is not needed. */
    private void closeAndSettle(PhysicalStatement s, BackendConnection c, Statement st) {
        try {
            st.close();
        } catch (SQLException ignored) {
            // the connection reports it on its next use
        }
        settle(s.dataSource(), c);
    }

    /** In a transaction the connection must serve the next statement on this data source, even while its rows stream. */
    private void bindIfInTransaction(String ds, BackendConnection c) {
        if (c.inTransaction()) connections.settle(ds, c, connections.pins(ds) | Pins.TRANSACTION);
    }

    private void settle(String ds, BackendConnection c) {
        // state the backend reports changed (a trigger, a stored function): the connection stays the
        // session's and is closed when it ends (after a failed statement the flag may be the state
        // replay's own: a connection kept needlessly, never one shared wrongly)
        int changed = Pins.heldByStatus(io.dbmesh.proxy.sql.StatementKind.OTHER, c.serverStatus());
        if (connections.isBound(ds) && connections.boundConnection(ds) != c) {
            // a scatter's extra connection; the bound one keeps serving the session
            if (changed != 0) c.discard();
            else c.release();
            return;
        }
        int pins = (connections.pins(ds) & ~(Pins.TRANSACTION | Pins.NEXT_STATEMENT)) | changed;
        if (c.inTransaction()) pins |= Pins.TRANSACTION;
        if (c.warnings() > 0) pins |= Pins.NEXT_STATEMENT; // SHOW WARNINGS (routed to this data source) reads them here
        connections.settle(ds, c, pins);
    }

    @Override
    public List<String> boundDataSources() {
        List<String> out = new ArrayList<>();
        for (var e : connections.inTransaction()) out.add(e.getKey());
        return out;
    }

    /** Warnings of the shard result sets read to their end so far (a merged result reports their sum). */
    int shardWarnings() {
        return shardWarnings;
    }

    /** Rows of one physical statement; closing them closes the statement and settles the connection. */
    private final class SettlingCursor implements RowCursor {
        private final JdbcRowCursor rows;
        private final Statement statement;
        private final String ds;
        private final BackendConnection connection;
        private boolean closed;
        private boolean counted;

        SettlingCursor(JdbcRowCursor rows, Statement statement, String ds, BackendConnection connection) {
            this.rows = rows;
            this.statement = statement;
            this.ds = ds;
            this.connection = connection;
        }

        @Override
        public List<Column> columns() {
            return rows.columns();
        }

        @Override
        public boolean next() throws SQLException {
            try {
                if (rows.next()) return true;
                if (!counted) {
                    counted = true;
                    shardWarnings += rows.warnings();
                }
                return false;
            } catch (SQLException e) {
                if (BackendErrors.connectionBroken(e) && !closed) {
                    closed = true;
                    connections.discard(ds, connection);
                }
                throw e;
            }
        }

        @Override
        public byte[] value(int index) {
            return rows.value(index);
        }

        @Override
        public void close() {
            if (closed) return;
            closed = true;
            rows.close();
            try {
                statement.close();
            } catch (SQLException ignored) {
                // the connection reports it on its next use
            }
            settle(ds, connection);
        }
    }
}
