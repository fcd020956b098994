package io.dbmesh.proxy.session;

import io.dbmesh.mesh.telemetry.RouteKind;
import io.dbmesh.mesh.telemetry.SessionTelemetry;
import io.dbmesh.proxy.backend.AccessIntent;
import io.dbmesh.proxy.backend.BackendConnection;
import io.dbmesh.proxy.backend.BackendErrors;
import io.dbmesh.proxy.backend.JdbcRowCursor;
import io.dbmesh.proxy.backend.StatementResults;
import io.dbmesh.core.sql.SqlLiterals;
import io.dbmesh.sharding.PhysicalStatement;
import io.dbmesh.sharding.ShardExecutor;
import io.dbmesh.sharding.ShardResult;
import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.RowCursor;
import io.dbmesh.core.result.UpdateResult;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The one {@link ShardExecutor}: every physical statement of every plan — a passthrough database's
 * single unsharded route as much as a sharded scatter — runs here, over the session's
 * {@link SessionConnections} (acquire, LAST_INSERT_ID, retry on another replica, settle). One
 * instance per client statement ({@link ClientStatement}). A statement runs on the connection bound
 * to the session for its data source, or on a pooled one brought to the session's state. A
 * connection that is in a transaction after the statement is bound to the session at once (before
 * its rows are read), so every later statement of the transaction on that data source uses it; a
 * pooled one goes back when its cursor is closed. A multi-result statement (CALL) run alone keeps
 * its connection until {@link #nextResult} has read its last result.
 */
final class SessionShardExecutor implements ShardExecutor {

    private final SessionConnections connections;
    private final ClientStatement statement;
    private final SessionTelemetry telemetry;
    /** Every backend statement sent for the client statement, so that KILL QUERY can cancel them. */
    private final RunningStatements running;
    /** Data sources that are replica groups (route label primary/replica of a passthrough statement). */
    private final Set<String> replicaGroups;
    /** What a backend gets when it asks for a LOCAL INFILE: the client's file for its LOAD DATA LOCAL INFILE, else nothing. */
    private final java.io.InputStream localInfile;
    private int shardWarnings;
    /**
     * The plan's text reads its string literals with backslash escapes whatever the sql_mode
     * ({@link io.dbmesh.proxy.sql.ShardingParserText#forParser}): written back for shards under
     * NO_BACKSLASH_ESCAPES before it is sent.
     */
    private boolean backslashEscapedText;
    /**
     * A sharded COM_STMT_EXECUTE's values for the physical statements that keep the client's
     * placeholders: those run as server-side prepared statements (binary protocol); null: all text.
     */
    private ShardBinding shardBinding;
    /** Where the shards' diagnostics of a sharded client statement are gathered (null: not gathered). */
    private ShardWarnings diagnostics;
    /** The multi-result statement whose further results {@link #nextResult} reads, or null. */
    private Open open;
    /** Row results handed out and not yet closed: {@link #abandon} drops their connections. */
    private final List<SettlingCursor> streaming = new ArrayList<>(2);

    private record Open(String dataSource, BackendConnection connection, Statement statement) {
    }

    SessionShardExecutor(SessionConnections connections, ClientStatement statement, SessionTelemetry telemetry,
                         RunningStatements running, Set<String> replicaGroups, java.io.InputStream localInfile) {
        this.connections = connections;
        this.statement = statement;
        this.telemetry = telemetry;
        this.running = running;
        this.replicaGroups = replicaGroups;
        this.localInfile = localInfile;
    }

    @Override
    public ShardResult execute(PhysicalStatement s) throws SQLException {
        return execute(s, statement.multiResult());
    }

    private ShardResult execute(PhysicalStatement s, boolean multiResult) throws SQLException {
        BackendConnection c = acquire(s);
        connections.executing(c);
        Statement st;
        try {
            st = send(s, c);
        } catch (SQLException e) {
            if (failed(s, c, e)) return execute(s, multiResult); // nothing of this statement reached the client yet
            throw e;
        }
        if (!multiResult) return finish(s, c, st);
        open = new Open(s.dataSource(), c, st);
        return current(true);
    }

    /**
     * The shards of one route, concurrently when they are plain reads on distinct connections (inside
     * a transaction too, on its bound connections): each statement is sent and its first answer
     * awaited on a thread of its own (the first on the session's thread; for a scatter ORDER BY,
     * each shard's sort), so the route takes as long as its slowest shard, not the sum. Only the JDBC round trips run in parallel: acquiring, settling and
     * binding connections stay on the session's thread ({@link SessionConnections} is not
     * thread-safe). With command threads on an event loop the child threads run on that loop too,
     * each parked while its shard works. Anything else runs one after the other.
     */
    @Override
    public List<ShardResult> executeAll(List<PhysicalStatement> statements) throws SQLException {
        if (statements.size() < 2 || !parallelizable(statements)) return executeInOrder(statements);
        List<BackendConnection> acquired = new ArrayList<>(statements.size());
        try {
            for (PhysicalStatement s : statements) acquired.add(acquire(s));
        } catch (SQLException | RuntimeException e) {
            settleAll(statements, acquired);
            throw e;
        }
        if (acquired.stream().distinct().count() < acquired.size()) { // a connection bound to the session serves two
            settleAll(statements, acquired);
            return executeInOrder(statements);
        }
        List<CompletableFuture<Statement>> sent = new ArrayList<>(statements.size());
        for (int i = 0; i < statements.size(); i++) sent.add(new CompletableFuture<>());
        for (int i = 1; i < statements.size(); i++) { // the first one runs on this thread, below: one thread fewer
            PhysicalStatement s = statements.get(i);
            BackendConnection c = acquired.get(i);
            CompletableFuture<Statement> f = sent.get(i);
            Thread.ofVirtual().name("dbmesh-shard").start(() -> sendTo(f, s, c));
        }
        sendTo(sent.get(0), statements.get(0), acquired.get(0));
        Statement[] answered = new Statement[statements.size()];
        Exception first = null;
        boolean again = false;
        boolean inTransaction = connections.inTransactionOrAutocommitOff();
        for (int i = 0; i < statements.size(); i++) {
            PhysicalStatement s = statements.get(i);
            BackendConnection c = acquired.get(i);
            try {
                answered[i] = join(sent.get(i));
            } catch (SQLException e) {
                // a replica that died fails every shard sent to it at once: the member is now marked
                // down, so the one-by-one run below no longer picks it
                // (in a transaction nothing runs again: a shard's part lost with its connection stays lost)
                again |= (failed(s, c, e) || BackendErrors.connectionBroken(e)) && !inTransaction;
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
            if (again && first instanceof SQLException) return executeInOrder(statements);
            if (first instanceof SQLException e) throw e;
            throw (RuntimeException) first;
        }
        List<ShardResult> results = new ArrayList<>(statements.size());
        int i = 0;
        try {
            for (; i < statements.size(); i++) results.add(finish(statements.get(i), acquired.get(i), answered[i]));
            return results;
        } catch (SQLException | RuntimeException e) {
            closeAll(results);
            for (int j = i + 1; j < statements.size(); j++) closeAndSettle(statements.get(j), acquired.get(j), answered[j]);
            throw e;
        }
    }

    private void sendTo(CompletableFuture<Statement> f, PhysicalStatement s, BackendConnection c) {
        try {
            f.complete(send(s, c));
        } catch (Throwable t) {
            f.completeExceptionally(t);
        }
    }

    /** One after the other, each with its one result (a route's statements are never multi-result). */
    private List<ShardResult> executeInOrder(List<PhysicalStatement> statements) throws SQLException {
        List<ShardResult> results = new ArrayList<>(statements.size());
        try {
            for (PhysicalStatement s : statements) results.add(execute(s, false));
            return results;
        } catch (SQLException | RuntimeException e) {
            closeAll(results);
            throw e;
        }
    }

    private static void closeAll(List<ShardResult> results) {
        for (ShardResult r : results) if (r instanceof ShardResult.Rows rows) rows.cursor().close();
    }

    /** Gives back the connections acquired so far for the first statements, unused. */
    private void settleAll(List<PhysicalStatement> statements, List<BackendConnection> acquired) {
        for (int i = 0; i < acquired.size(); i++) {
            // a connection serving two statements is settled once: the first settle may give it back already
            if (!acquired.subList(0, i).contains(acquired.get(i))) settle(statements.get(i).dataSource(), acquired.get(i), false);
        }
    }

    /**
     * Plain reads may go concurrently, in a transaction too: each data source's part has a connection
     * of its own (the bound one), and a statement of the route never waits for another's. Two
     * statements on one connection (two tables of one data source) are found once acquired.
     */
    private boolean parallelizable(List<PhysicalStatement> statements) {
        if (statement.usesLastInsertId()) return false;
        for (PhysicalStatement s : statements) if (!isRead(s)) return false;
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

    /**
     * The connection for {@code s}: a read of the client's (the passthrough text itself, or a
     * sharded plan's SELECT/SHOW) may go to a replica; the SQL lets read/write splitting see hints
     * and locking reads.
     */
    private BackendConnection acquire(PhysicalStatement s) throws SQLException {
        boolean read = statement.reads() && (statement.passthrough() || isRead(s));
        // a plain SELECT/SHOW changes no data: a local transaction joining here may send its BEGIN along
        return connections.acquire(s.dataSource(), read ? AccessIntent.READ : AccessIntent.WRITE, s.sql(),
                statement.reads() && isRead(s));
    }

    /**
     * Sends {@code s} on {@code c} as text — its values written in as literals ({@link SqlLiterals},
     * the one binding policy) — or, for a passthrough COM_STMT_EXECUTE ({@link PreparedBinding}) and
     * a sharded one's statements that keep the client's placeholders ({@link ShardBinding}), as the
     * connection's own server-side prepared statement, and waits for its first answer; may run off the session's
     * thread, so it touches the connection only, never the session's bindings. On failure the
     * statement is closed and the caller decides about the connection ({@link #failed}).
     */
    private Statement send(PhysicalStatement s, BackendConnection c) throws SQLException {
        Statement st = null;
        boolean noBackslashEscapes = (c.serverStatus() & BackendConnection.STATUS_NO_BACKSLASH_ESCAPES) != 0;
        long sent = System.nanoTime();
        try {
            if (statement.usesLastInsertId()) connections.seedLastInsertId(c);
            if (statement.passthrough()) telemetry.route(route(s.dataSource(), c));
            String physical = backslashEscapedText && noBackslashEscapes
                    ? io.dbmesh.proxy.sql.ShardingParserText.forNoBackslashEscapes(s.sql()) : s.sql();
            String traceparent = telemetry.backendTraceparent();
            PreparedBinding binding = statement.binding();
            if (binding != null && traceparent == null) { // binary protocol: the backend's own prepared statement
                sent = System.nanoTime();
                st = c.executePrepared(s.sql(), binding.binder(), JdbcRowCursor.FETCH_SIZE, running::add);
                if (st != null) {
                    telemetry.backendStatement(c.pool().name(), s.sql(), sent, System.nanoTime(), 0);
                    return st;
                } // the backend keeps max_prepared_stmt_count statements already: as text
            }
            ShardBinding shard = shardBinding;
            if (shard != null && traceparent == null && shard.binds(s, physical, noBackslashEscapes)) { // the client's values, as typed
                sent = System.nanoTime();
                st = c.executePrepared(physical, shard.binder(), JdbcRowCursor.FETCH_SIZE, running::add);
                if (st != null) {
                    telemetry.backendStatement(c.pool().name(), s.sql(), sent, System.nanoTime(), 0);
                    return st;
                } // max_prepared_stmt_count reached: as text
            }
            String text = binding != null ? binding.text().get()
                    : s.parameters().isEmpty() ? physical : SqlLiterals.bind(physical, s.parameters(), noBackslashEscapes);
            String sql = traceparent == null ? text : Traceparents.prefix(traceparent, text);
            sent = System.nanoTime();
            try {
                st = c.createStatement(); // one that carries a deferred BEGIN in its round trip
                running.add(st);
                st.setEscapeProcessing(false);
                st.setFetchSize(JdbcRowCursor.FETCH_SIZE);
                StatementResults.localInfile(st, localInfile);
                c.execute(st, sql);
            } finally {
                LocalInfile.finish(localInfile); // the rest of the client's file, if any, before the answer
            }
            telemetry.backendStatement(c.pool().name(), s.sql(), sent, System.nanoTime(), 0);
            return st;
        } catch (SQLException e) {
            telemetry.backendStatement(c.pool().name(), s.sql(), sent, System.nanoTime(), Math.max(1, e.getErrorCode()));
            closeQuietly(st);
            throw e;
        }
    }

    /** The route label of a passthrough statement on {@code c}: a replica when c's pool is not the data source's own. */
    private RouteKind route(String ds, BackendConnection c) {
        if (!c.pool().name().equals(ds)) return RouteKind.REPLICA;
        return replicaGroups.contains(ds) ? RouteKind.PRIMARY : RouteKind.PASSTHROUGH;
    }

    /** The statement's result, on the session's thread: rows stream from a bound or pooled connection. */
    private ShardResult finish(PhysicalStatement s, BackendConnection c, Statement st) throws SQLException {
        String ds = s.dataSource();
        try {
            java.sql.ResultSet rs = st.getResultSet();
            if (rs != null) {
                bindIfInTransaction(ds, c);
                SettlingCursor rows = new SettlingCursor(new JdbcRowCursor(rs, c::warnings,
                        st instanceof java.sql.PreparedStatement, c), st, ds, c);
                streaming.add(rows);
                return new ShardResult.Rows(rows);
            }
            UpdateResult result = updated(st, c);
            StatementResults.close(st);
            if (diagnostics != null && result.warnings() > 0) diagnostics.read(c);
            settle(ds, c, false);
            return new ShardResult.Updated(result);
        } catch (SQLException e) {
            closeQuietly(st);
            failed(s, c, e);
            throw e;
        }
    }

    /** The OK of a statement's current result; the connection keeps its last insert id. */
    private static UpdateResult updated(Statement st, BackendConnection c) throws SQLException {
        long count = Math.max(0, st.getLargeUpdateCount());
        long insertId = StatementResults.lastInsertId(st);
        if (insertId != 0) c.lastInsertId(insertId);
        return new UpdateResult(count, insertId, c.warnings(), StatementResults.info(st, count, insertId));
    }

    /**
     * The next result of the multi-result statement {@link #execute} started (a CALL's further
     * result sets, its final OK), or null after the last one, when its connection is settled.
     * Read only after the previous result was consumed (its cursor closed).
     */
    ShardResult nextResult() throws SQLException {
        Open o = open;
        if (o == null) return null;
        boolean isResultSet;
        try {
            isResultSet = o.statement().getMoreResults();
            if (!isResultSet && o.statement().getLargeUpdateCount() < 0) {
                open = null;
                closeQuietly(o.statement());
                settle(o.dataSource(), o.connection(), false);
                return null;
            }
        } catch (SQLException e) {
            abandonOpen(e);
            throw e;
        }
        return current(false);
    }

    /** The current result of the open multi-result statement. */
    private ShardResult current(boolean first) throws SQLException {
        Open o = open;
        try {
            java.sql.ResultSet rs = o.statement().getResultSet();
            if (rs != null) return new ShardResult.Rows(new JdbcRowCursor(rs, o.connection()::warnings));
            if (!first && o.statement().getLargeUpdateCount() < 0) return null;
            UpdateResult u = updated(o.statement(), o.connection());
            connections.observe(o.connection());
            return new ShardResult.Updated(u);
        } catch (SQLException e) {
            abandonOpen(e);
            throw e;
        }
    }

    private void abandonOpen(SQLException e) {
        Open o = open;
        open = null;
        closeQuietly(o.statement());
        if (BackendErrors.connectionBroken(e)) connections.discard(o.dataSource(), o.connection());
        else connections.settle(o.dataSource(), o.connection(), statement.kind(), statement.features(), true);
    }

    /**
     * The client statement failed before every result was read (the client went away, the sink
     * failed): the connections of results still open are closed rather than drained — reading the
     * rest of a huge result for nobody would take long — and a multi-result statement's state is
     * unknown anyway.
     */
    void abandon() {
        for (SettlingCursor rows : streaming) rows.abandon();
        streaming.clear();
        Open o = open;
        if (o == null) return;
        open = null;
        connections.discard(o.dataSource(), o.connection());
    }

    /** A shard's statement failed: gives back or drops its connection; true when it may run once more elsewhere. */
    private boolean failed(PhysicalStatement s, BackendConnection c, SQLException e) {
        c.dropDeferredBegin(); // failed before it was sent: the BEGIN deferred to it never goes out
        boolean retry = connections.retryElsewhere(c, e); // a replica died or refused a read
        if (diagnostics != null && !retry) {
            if (!BackendErrors.connectionBroken(e)) diagnostics.read(c);
            diagnostics.failed(e);
        }
        if (BackendErrors.connectionBroken(e)) connections.discard(s.dataSource(), c);
        else settle(s.dataSource(), c, true);
        return retry;
    }

    /** A shard answered after another failed: its answer is not needed. */
    private void closeAndSettle(PhysicalStatement s, BackendConnection c, Statement st) {
        closeQuietly(st);
        settle(s.dataSource(), c, false);
    }

    /** In a transaction the connection must serve the next statement on this data source, even while its rows stream. */
    private void bindIfInTransaction(String ds, BackendConnection c) {
        if (c.inTransaction()) connections.settle(ds, c, connections.pins(ds) | Pins.TRANSACTION);
    }

    private void settle(String ds, BackendConnection c, boolean failed) {
        connections.settle(ds, c, statement.kind(), statement.features(), failed);
    }

    /** Closes a statement; of a server-side prepared statement its connection keeps, only the result. */
    private static void closeQuietly(Statement st) {
        if (st == null) return;
        try {
            StatementResults.close(st);
        } catch (SQLException ignored) {
            // the connection reports it on its next use
        }
    }

    @Override
    public List<String> boundDataSources() {
        List<String> out = new ArrayList<>();
        for (var e : connections.inTransaction()) out.add(e.getKey());
        return out;
    }

    /** The statement's text was written by {@link io.dbmesh.proxy.sql.ShardingParserText#forParser}: literals read with backslash escapes. */
    void backslashEscapedText() {
        backslashEscapedText = true;
    }

    /** The shard statements of this client statement that keep its placeholders bind {@code binding} in the binary protocol. */
    void binaryParameters(ShardBinding binding) {
        this.shardBinding = binding;
    }

    /** Gathers the shards' warnings and errors of this statement into {@code diagnostics} (SHOW WARNINGS after it). */
    void diagnostics(ShardWarnings diagnostics) {
        this.diagnostics = diagnostics;
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
                    if (diagnostics != null && rows.warnings() > 0) diagnostics.read(connection);
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
        public byte[] binaryRow() {
            return rows.binaryRow();
        }

        @Override
        public int warnings() {
            return rows.warnings();
        }

        @Override
        public void close() {
            if (closed) return;
            closed = true;
            rows.close();
            closeQuietly(statement);
            settle(ds, connection, false);
        }

        /** Not read to its end nor closed: the connection is dropped with what it still has to send. */
        void abandon() {
            if (closed) return;
            closed = true;
            connections.discard(ds, connection);
        }
    }

    @Override
    public boolean noBackslashEscapes() {
        return !backslashEscapedText && connections.noBackslashEscapes();
    }
}
