package io.dbmesh.proxy.session;

import io.dbmesh.proxy.backend.AccessIntent;
import io.dbmesh.proxy.backend.BackendConnection;
import io.dbmesh.proxy.backend.BackendErrors;
import io.dbmesh.proxy.backend.JdbcRowCursor;
import io.dbmesh.proxy.backend.RowCountMode;
import io.dbmesh.proxy.backend.StatementResults;
import io.dbmesh.proxy.backend.replica.ReplicaGroup;
import io.dbmesh.proxy.backend.replica.ReplicaStatusTable;
import io.dbmesh.proxy.command.BoundParameter;
import io.dbmesh.proxy.command.ClientInfo;
import io.dbmesh.proxy.command.CommandHandler;
import io.dbmesh.proxy.command.MySqlException;
import io.dbmesh.proxy.command.PrepareSink;
import io.dbmesh.proxy.command.ResultSink;
import io.dbmesh.proxy.config.UserConfig;
import io.dbmesh.proxy.sql.LikePattern;
import io.dbmesh.proxy.sql.PlaceholderSql;
import io.dbmesh.proxy.sql.SidecarValueRewriter;
import io.dbmesh.proxy.sql.StatementClassifier;
import io.dbmesh.proxy.sql.StatementFeatures;
import io.dbmesh.proxy.sql.StatementKind;
import io.dbmesh.proxy.sql.StatementSplitter;
import io.dbmesh.sharding.result.Column;
import io.dbmesh.sharding.result.ColumnFlags;
import io.dbmesh.sharding.result.ColumnType;
import io.dbmesh.sharding.result.RowCursor;
import io.dbmesh.sharding.result.UpdateResult;
import org.mariadb.jdbc.BasePreparedStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.dbmesh.proxy.sql.StatementFeatures.has;

/**
 * The execution side of one client connection: runs its commands against the backend of its
 * logical database, keeping the session's state (see {@link SessionState}) on whichever pooled
 * backend connection serves each statement, and binding a connection to the session while
 * {@link Pins} require it.
 *
 * <p>Every statement follows the same path: classify (first keywords), answer locally if the
 * backend would answer with physical names, otherwise acquire a connection (bound, or pooled and
 * brought to the session's state), run it, stream the results to the sink, then settle the
 * connection (keep it bound, or give it back).
 */
public final class SessionCommandHandler implements CommandHandler {

    private static final Logger log = LoggerFactory.getLogger(SessionCommandHandler.class);

    static final int CLIENT_FOUND_ROWS = 1 << 1;
    static final int CLIENT_MULTI_STATEMENTS = 1 << 16;

    private static final int STATUS_IN_TRANS = BackendConnection.STATUS_IN_TRANS;
    private static final int STATUS_AUTOCOMMIT = BackendConnection.STATUS_AUTOCOMMIT;
    private static final int STATUS_IN_TRANS_READONLY = BackendConnection.STATUS_IN_TRANS_READONLY;
    private static final int STATUS_NO_BACKSLASH_ESCAPES = BackendConnection.STATUS_NO_BACKSLASH_ESCAPES;

    private final ClientInfo client;
    private final UserConfig user;
    private final SessionEnvironment env;
    private final SessionConnections connections;
    private final PreparedStatementRegistry prepared = new PreparedStatementRegistry();
    private final SessionState state = new SessionState();
    private final SessionVariables variables;
    /** Statements of sharded logical databases: planned by the sharding engine. */
    private final ShardedStatements sharded;
    /** The backend connection running the current statement: its status is the session's, live. */
    private BackendConnection executing;
    /** The backend statement running now, for KILL QUERY from another session. */
    private volatile Statement running;
    /** KILL CONNECTION named this session: every further command is refused. */
    private volatile boolean killed;
    private boolean closed;

    SessionCommandHandler(ClientInfo client, UserConfig user, SessionEnvironment env) {
        this.client = client;
        this.user = user;
        this.env = env;
        RowCountMode mode = (client.capabilities() & CLIENT_FOUND_ROWS) != 0 ? RowCountMode.FOUND : RowCountMode.CHANGED;
        this.connections = new SessionConnections(env.pools(), mode);
        this.variables = new SessionVariables();
        this.sharded = new ShardedStatements(connections, () -> state.connection);
        state.multiStatements = (client.capabilities() & CLIENT_MULTI_STATEMENTS) != 0;
        selectInitialDatabase();
        env.stats().sessions.incrementAndGet();
        env.sessions().add(client.connectionId(), this);
    }

    private void selectInitialDatabase() {
        state.database = client.database();
        LogicalDatabase db = env.databases().find(client.database());
        state.serving = db != null ? db : env.databases().defaultFor(user);
        state.connection = io.dbmesh.proxy.backend.ConnectionState.INITIAL;
        if (LogicalDatabases.INFORMATION_SCHEMA.equalsIgnoreCase(client.database())) {
            state.connection = state.connection.withSchema(LogicalDatabases.INFORMATION_SCHEMA);
        }
    }

    // ------------------------------------------------------------------ COM_QUERY

    @Override
    public void query(String sql, ResultSink sink) {
        env.stats().questions.increment();
        if (refuseKilled(sink)) {
            return;
        }
        List<String> statements = state.multiStatements ? StatementSplitter.split(sql) : List.of(sql);
        int n = statements.size();
        for (int i = 0; i < n; i++) {
            String statement = statements.get(i);
            try {
                StatementKind kind = StatementClassifier.classify(statement);
                run(statement, kind, -1, sink, i < n - 1);
            } catch (MySqlException e) {
                sink.error(e.errorCode(), e.sqlState(), e.getMessage());
                return; // like MySQL: the statements after a failing one are not run
            }
        }
    }

    /**
     * Runs one statement.
     *
     * @param features {@link StatementFeatures} bits, or -1 to scan them here
     * @param more     whether more results of the same command follow this statement's
     */
    private void run(String sql, StatementKind kind, int features, ResultSink sink, boolean more) throws MySqlException {
        switch (kind) {
            case USE -> {
                useDatabase(LocalAnswers.useTarget(sql));
                sink.ok(UpdateResult.EMPTY, more);
            }
            case SHOW_DATABASES -> rows(sink, LocalAnswers.showDatabases(sql, env.databases().visibleTo(user)), more);
            case SET -> set(sql, sink, more);
            case COMMIT, ROLLBACK -> endTransaction(sql, kind, sink, more);
            case KILL -> {
                kill(sql);
                sink.ok(UpdateResult.EMPTY, more);
            }
            case SHOW -> {
                if (ReplicaStatusTable.matches(sql)) { // read/write splitting: SHOW DBMESH REPLICAS
                    replicaStatus(sink, more);
                } else if (state.serving instanceof ShardedDatabase db) {
                    runSharded(db, sql, List.of(), features >= 0 ? features : StatementFeatures.scan(sql), sink, more);
                } else {
                    passthrough(sql, kind, features >= 0 ? features : StatementFeatures.scan(sql), sink, more);
                }
            }
            case BEGIN -> {
                if (state.serving instanceof ShardedDatabase db) sharded.begin(db, sql, sink, more);
                else passthrough(sql, kind, features >= 0 ? features : StatementFeatures.scan(sql), sink, more);
            }
            default -> {
                if (kind == StatementKind.DML && StatementClassifier.isLoadLocal(sql)) {
                    throw MySqlException.notSupported("LOAD DATA LOCAL INFILE");
                }
                int f = features >= 0 ? features : StatementFeatures.scan(sql);
                String physical = sql;
                if (has(f, StatementFeatures.SIDECAR_VARIABLE | StatementFeatures.SIDECAR_FUNCTION)) {
                    physical = SidecarValueRewriter.rewrite(sql, sidecarValues(),
                            kind == StatementKind.SELECT && !has(f, StatementFeatures.HAS_FROM));
                }
                if (state.serving instanceof ShardedDatabase db) {
                    runSharded(db, physical, List.of(), f, sink, more);
                    return;
                }
                passthrough(physical, kind, f, sink, more);
            }
        }
    }

    private void replicaStatus(ResultSink sink, boolean more) throws MySqlException {
        List<ReplicaGroup> groups = connections.replicaGroups();
        try {
            sink.rows(ReplicaStatusTable.of(groups), more);
        } catch (SQLException e) {
            throw BackendErrors.toMySql(e, "sidecar");
        }
    }

    private void runSharded(ShardedDatabase db, String sql, List<Object> parameters, int features, ResultSink sink,
                            boolean more) throws MySqlException {
        sharded.run(db, sql, parameters, has(features, StatementFeatures.LAST_INSERT_ID), state.lastInsertId,
                id -> state.lastInsertId = id, sink, more);
    }

    private void rows(ResultSink sink, StaticRowCursor cursor, boolean more) throws MySqlException {
        try {
            sink.rows(cursor, more);
        } catch (SQLException e) {
            throw BackendErrors.toMySql(e, "sidecar");
        }
    }

    private void passthrough(String sql, StatementKind kind, int features, ResultSink sink, boolean more) throws MySqlException {
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
            }
        }
        execute(ds, c, sql, kind, features, sink, more);
    }

    /**
     * Runs {@code sql} on {@code c} and streams every result to the sink. A CALL (or EXECUTE of an
     * SQL-level prepared statement) may return several result sets, always followed by the final
     * OK of the CALL itself, so each of its result sets is sent with more=true.
     */
    private void execute(String ds, BackendConnection c, String sql, StatementKind kind, int features,
                         ResultSink sink, boolean more) throws MySqlException {
        boolean multiResult = kind == StatementKind.CALL || kind == StatementKind.SQL_PREPARED;
        executing = c;
        Statement st = null;
        boolean answered = false; // nothing reached the client yet: a failed read may run elsewhere
        try {
            st = c.jdbc().createStatement();
            st.setEscapeProcessing(false);
            st.setFetchSize(JdbcRowCursor.FETCH_SIZE);
            running = st;
            boolean isResultSet = st.execute(sql);
            boolean promisedMore = false;
            boolean first = true;
            while (true) {
                if (isResultSet) {
                    promisedMore = multiResult || more;
                    answered = true;
                    RowCursor cursor = new JdbcRowCursor(st.getResultSet());
                    if (kind == StatementKind.SHOW_VARIABLES) {
                        cursor = new SidecarVariablesCursor(cursor, maxAllowedPacket(), env.serverVersion());
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
                    sink.ok(new UpdateResult(Math.max(0, count), insertId, c.warnings(), ""), more);
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
            fail(ds, c, e);
        } catch (RuntimeException e) {
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
        settle(ds, c, kind, features, false);
    }

    /** Takes the session-visible status from the backend connection that just answered. */
    private void observe(BackendConnection c) {
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
    private void settle(String ds, BackendConnection c, StatementKind kind, int features, boolean failed) {
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
            pins |= pinsFor(kind, features);
            if (kind == StatementKind.UNLOCK_TABLES) {
                pins &= ~Pins.TABLE_LOCKS;
            }
        }
        if (failed || c.warnings() > 0 || (features > 0 && has(features, StatementFeatures.CALC_FOUND_ROWS))) {
            pins |= Pins.NEXT_STATEMENT; // SHOW WARNINGS, SHOW ERRORS, FOUND_ROWS() read this connection
        }
        connections.settle(ds, c, pins);
    }

    private static int pinsFor(StatementKind kind, int features) {
        int pins = switch (kind) {
            case CREATE_TEMPORARY_TABLE -> Pins.TEMPORARY_TABLES;
            case LOCK_TABLES -> Pins.TABLE_LOCKS;
            case SQL_PREPARED -> Pins.SQL_PREPARED;
            case HANDLER -> Pins.HANDLER;
            default -> 0;
        };
        if (features > 0) {
            if (has(features, StatementFeatures.NAMED_LOCK)) pins |= Pins.NAMED_LOCKS;
            if (has(features, StatementFeatures.ASSIGNS_USER_VARIABLE)) pins |= Pins.UNTRACKED_STATE;
        }
        return pins;
    }

    /** A backend error: keep or drop the connection, then report the backend's error. */
    private void fail(String ds, BackendConnection c, SQLException e) throws MySqlException {
        executing = null;
        if (BackendErrors.connectionBroken(e)) {
            connections.discard(ds, c);
            if (!c.isReturned()) {
                c.discard();
            }
        } else {
            settle(ds, c, StatementKind.OTHER, 0, true);
        }
        throw BackendErrors.toMySql(e, ds);
    }

    private BackendConnection acquire(String ds, AccessIntent intent) throws MySqlException {
        return acquire(ds, intent, null);
    }

    /** @param sql the statement, for read/write splitting (null: not a plain read) */
    private BackendConnection acquire(String ds, AccessIntent intent, String sql) throws MySqlException {
        try {
            return connections.acquire(ds, intent, state.connection, sql,
                    state.serving == null ? null : state.serving.name());
        } catch (SQLException e) {
            throw BackendErrors.toMySql(e, ds);
        }
    }

    private String servingDataSource() throws MySqlException {
        LogicalDatabase db = state.serving;
        if (db == null) {
            throw MySqlException.noDatabaseSelected();
        }
        return db.defaultDataSource();
    }

    // ------------------------------------------------------------------ transactions

    /**
     * COMMIT / ROLLBACK go to every bound connection with an open transaction (one per data source
     * the transaction touched; committed one after the other, not atomically — atomic multi-source
     * commit is the transaction coordinator's job).
     */
    private void endTransaction(String sql, StatementKind kind, ResultSink sink, boolean more) throws MySqlException {
        List<Map.Entry<String, BackendConnection>> open = connections.inTransaction();
        if (open.isEmpty()) {
            passthrough(sql, kind, 0, sink, more);
            return;
        }
        if (open.size() == 1) {
            String ds = open.get(0).getKey();
            execute(ds, acquire(ds, AccessIntent.WRITE), sql, kind, 0, sink, more);
            return;
        }
        MySqlException firstError = null;
        for (Map.Entry<String, BackendConnection> e : open) {
            BackendConnection c = e.getValue();
            try {
                c.executeInternal(sql);
                settle(e.getKey(), c, kind, 0, false);
            } catch (SQLException ex) {
                try {
                    fail(e.getKey(), c, ex);
                } catch (MySqlException m) {
                    if (firstError == null) firstError = m;
                }
            }
        }
        if (firstError != null) {
            throw firstError;
        }
        sink.ok(UpdateResult.EMPTY, more);
    }

    // ------------------------------------------------------------------ SET

    private void set(String sql, ResultSink sink, boolean more) throws MySqlException {
        String ds = servingDataSource();
        BackendConnection c = acquire(ds, AccessIntent.WRITE);
        executing = c;
        int extraPins;
        try {
            try (Statement st = c.jdbc().createStatement()) {
                st.setEscapeProcessing(false);
                st.execute(sql);
            }
            SessionVariables.Outcome outcome = variables.afterSet(sql, state.connection, c);
            state.connection = outcome.state();
            c.carries(state.connection);
            extraPins = outcome.pins();
        } catch (SQLException e) {
            fail(ds, c, e);
            return;
        }
        observe(c);
        if (extraPins != 0) {
            connections.settle(ds, c, connections.pins(ds) | extraPins);
        }
        sink.ok(new UpdateResult(0, 0, c.warnings(), ""), more);
        executing = null;
        settle(ds, c, StatementKind.SET, 0, false);
    }

    // ------------------------------------------------------------------ KILL

    /**
     * KILL [HARD|SOFT] [CONNECTION|QUERY] id. Clients take ids from the handshake or CONNECTION_ID(),
     * both the sidecar's, so the sidecar resolves them: passing the statement through would kill
     * whatever backend thread happens to have that number.
     */
    private void kill(String sql) throws MySqlException {
        io.dbmesh.proxy.sql.SqlScanner s = new io.dbmesh.proxy.sql.SqlScanner(sql);
        s.next(); // KILL
        s.next();
        if (s.isWord("HARD") || s.isWord("SOFT")) {
            s.next();
        }
        boolean queryOnly = false;
        if (s.isWord("QUERY")) {
            queryOnly = true;
            s.next();
            if (s.isWord("ID")) {
                throw MySqlException.notSupported("KILL QUERY ID");
            }
        } else if (s.isWord("CONNECTION")) {
            s.next();
        } else if (s.isWord("USER")) {
            throw MySqlException.notSupported("KILL USER");
        }
        long id;
        if (s.type() == io.dbmesh.proxy.sql.SqlScanner.Type.NUMBER) {
            try {
                id = Long.parseLong(s.text());
            } catch (NumberFormatException e) {
                throw new MySqlException(1094, "HY000", "Unknown thread id: " + s.text());
            }
        } else if (s.isWord("CONNECTION_ID")) {
            id = client.connectionId();
        } else {
            throw new MySqlException(1064, "42000", "You have an error in your SQL syntax; KILL needs a thread id");
        }
        SessionCommandHandler target = env.sessions().get(id);
        if (target == null) {
            throw new MySqlException(1094, "HY000", "Unknown thread id: " + id);
        }
        if (!target.user.name().equals(user.name())) {
            throw new MySqlException(1095, "HY000", "You are not owner of thread " + id);
        }
        if (!queryOnly) {
            target.killed = true;
        }
        target.cancelRunning();
    }

    /** Interrupts the statement this session is running on its backend (Connector/J sends KILL QUERY). */
    void cancelRunning() {
        Statement st = running;
        if (st != null) {
            try {
                st.cancel();
            } catch (SQLException | RuntimeException e) {
                log.debug("cancel of session {} failed", client.connectionId(), e);
            }
        }
    }

    private boolean refuseKilled(ResultSink sink) {
        if (killed) {
            sink.error(1927, "70100", "Connection was killed");
            return true;
        }
        return false;
    }

    // ------------------------------------------------------------------ databases

    @Override
    public void initDb(String schema, ResultSink sink) {
        try {
            useDatabase(schema);
            sink.ok(UpdateResult.EMPTY, false);
        } catch (MySqlException e) {
            sink.error(e.errorCode(), e.sqlState(), e.getMessage());
        }
    }

    private void useDatabase(String name) throws MySqlException {
        if (LogicalDatabases.INFORMATION_SCHEMA.equalsIgnoreCase(name)) {
            state.database = LogicalDatabases.INFORMATION_SCHEMA;
            state.connection = state.connection.withSchema(LogicalDatabases.INFORMATION_SCHEMA);
            return;
        }
        if (!user.mayUse(name)) {
            throw MySqlException.accessDeniedToDatabase(user.name(), clientHost(), name);
        }
        LogicalDatabase db = env.databases().find(name);
        if (db == null) {
            throw MySqlException.unknownDatabase(name);
        }
        state.database = name;
        state.serving = db;
        state.connection = state.connection.withSchema(null);
    }

    String clientHost() {
        return SessionFactory.host(client);
    }

    private SidecarValueRewriter.Values sidecarValues() {
        return new SidecarValueRewriter.Values() {
            @Override
            public String variable(String name) {
                if (name.equals("max_allowed_packet")) {
                    return Long.toString(maxAllowedPacket());
                }
                return "'" + env.serverVersion().replace("'", "''") + "'";
            }

            @Override
            public String database() {
                return state.database == null ? "NULL" : ParameterLiterals.quote(state.database, false);
            }

            @Override
            public String version() {
                return "'" + env.serverVersion().replace("'", "''") + "'";
            }

            @Override
            public String connectionId() {
                return Long.toString(client.connectionId());
            }
        };
    }

    /** What the sidecar accepts, and never more than the backend accepts. */
    private long maxAllowedPacket() {
        long limit = env.maxAllowedPacket();
        try {
            if (state.serving != null) {
                long backend = env.pools().select(state.serving.defaultDataSource(), AccessIntent.WRITE).traits().maxAllowedPacket();
                if (backend > 0) {
                    limit = Math.min(limit, backend);
                }
            }
        } catch (SQLException ignored) {
            // the sidecar's own limit then
        }
        return limit;
    }

    // ------------------------------------------------------------------ COM_FIELD_LIST

    @Override
    public void fieldList(String table, String wildcard, ResultSink sink) {
        try {
            String ds = servingDataSource();
            BackendConnection c = acquire(ds, AccessIntent.READ);
            List<Column> columns;
            try (Statement st = c.jdbc().createStatement()) {
                st.setEscapeProcessing(false);
                try (ResultSet rs = st.executeQuery("SELECT * FROM `" + table.replace("`", "``") + "` LIMIT 0")) {
                    columns = new JdbcRowCursor(rs).columns();
                }
            } catch (SQLException e) {
                fail(ds, c, e);
                return;
            }
            settle(ds, c, StatementKind.SELECT, 0, false);
            List<Column> matching = new ArrayList<>();
            for (Column col : columns) {
                if (wildcard == null || wildcard.isEmpty() || LikePattern.matches(wildcard, col.name())) {
                    matching.add(col);
                }
            }
            rows(sink, new StaticRowCursor(List.copyOf(matching), List.of()), false);
        } catch (MySqlException e) {
            sink.error(e.errorCode(), e.sqlState(), e.getMessage());
        }
    }

    // ------------------------------------------------------------------ prepared statements

    @Override
    public void prepare(String sql, PrepareSink sink) {
        try {
            StatementKind kind = StatementClassifier.classify(sql);
            int features = StatementFeatures.scan(sql);
            String physical = sql;
            if (has(features, StatementFeatures.SIDECAR_VARIABLE | StatementFeatures.SIDECAR_FUNCTION)) {
                physical = SidecarValueRewriter.rewrite(sql, sidecarValues(),
                        kind == StatementKind.SELECT && !has(features, StatementFeatures.HAS_FROM));
            }
            if (state.serving instanceof ShardedDatabase db) {
                // analysed (and cached) by the sharding engine; routed again at every execution
                int count;
                List<Column> resultColumns;
                try {
                    io.dbmesh.sharding.plan.PlanTemplate template = db.planner().prepare(physical);
                    count = template.parameterCount();
                    resultColumns = sharded.resultColumns(template);
                } catch (SQLException e) {
                    throw BackendErrors.toMySql(e, db.name());
                }
                int id = prepared.nextId();
                prepared.add(new PreparedStatementEntry(id, PlaceholderSql.of(physical), kind, features, state.database, count, resultColumns));
                List<Column> params = new ArrayList<>(count);
                for (int i = 0; i < count; i++) params.add(PARAMETER);
                sink.prepared(id, params, resultColumns, 0);
                return;
            }
            if (prepared.size() >= PreparedStatementRegistry.MAX_STATEMENTS) {
                sink.error(1461, "42000", "Can't create more than max_prepared_stmt_count statements (current value: "
                        + PreparedStatementRegistry.MAX_STATEMENTS + ")");
                return;
            }
            String ds = servingDataSource();
            boolean cacheable = (kind == StatementKind.SELECT || kind == StatementKind.DML)
                    && (connections.pins(ds) & Pins.TEMPORARY_TABLES) == 0;
            String cacheKey = cacheable ? PrepareMetadataCache.key(ds, state.connection.schema(), physical) : null;
            PrepareMetadataCache.Metadata metadata = cacheable ? env.prepareCache().get(cacheKey) : null;
            int warnings = 0;
            if (metadata == null) {
                BackendConnection c = acquire(ds, kind.readOnly() ? AccessIntent.READ : AccessIntent.WRITE);
                executing = c;
                try (PreparedStatement ps = c.jdbc().prepareInternal(physical, Statement.NO_GENERATED_KEYS,
                        ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY, true)) {
                    // the backend parses it (COM_STMT_PREPARE): exact parameter count, result columns and errors
                    int count = ps.getParameterMetaData().getParameterCount();
                    List<Column> cols = ps instanceof BasePreparedStatement bps && bps.getMeta() != null
                            ? JdbcRowCursor.columnsOf(bps.getMeta()) : List.of();
                    metadata = new PrepareMetadataCache.Metadata(count, cols);
                    warnings = c.warnings();
                } catch (SQLException e) {
                    fail(ds, c, e);
                    return;
                } finally {
                    executing = null;
                }
                settle(ds, c, StatementKind.OTHER, 0, false);
                if (cacheable && warnings == 0) {
                    env.prepareCache().put(cacheKey, metadata);
                }
            }
            int parameterCount = metadata.parameterCount();
            List<Column> columns = metadata.columns();
            PlaceholderSql template = PlaceholderSql.of(physical);
            int id = prepared.nextId();
            prepared.add(new PreparedStatementEntry(id, template, kind, features, state.database,
                    parameterCount, columns));
            List<Column> params = new ArrayList<>(parameterCount);
            for (int i = 0; i < parameterCount; i++) {
                params.add(PARAMETER);
            }
            sink.prepared(id, params, columns, warnings);
        } catch (MySqlException e) {
            sink.error(e.errorCode(), e.sqlState(), e.getMessage());
        }
    }

    /** How MySQL describes a parameter in the COM_STMT_PREPARE response. */
    private static final Column PARAMETER = new Column("", "", "", "?", "", 63, 0, ColumnType.VAR_STRING,
            ColumnFlags.BINARY, 0);

    @Override
    public void execute(int statementId, int cursorFlags, List<BoundParameter> parameters, ResultSink sink) {
        env.stats().questions.increment();
        if (refuseKilled(sink)) {
            return;
        }
        PreparedStatementEntry entry = prepared.get(statementId);
        if (entry == null) {
            sink.error(1243, "HY000", "Unknown prepared statement handler (" + statementId + ") given to mysqld_stmt_execute");
            return;
        }
        if (entry.takeLongDataOverflow()) {
            sink.error(1153, "08S01", "Got a packet bigger than 'max_allowed_packet' bytes");
            return;
        }
        int placeholders = entry.sql.placeholders();
        if (parameters.size() < placeholders) {
            entry.clearLongData();
            sink.error(1210, "HY000", "Incorrect arguments to mysqld_stmt_execute");
            return;
        }
        if (state.serving instanceof ShardedDatabase db && entry.parameterCount > 0) {
            List<Object> values = ShardedStatements.parameterValues(parameters.subList(0, entry.parameterCount), entry);
            entry.clearLongData();
            try {
                runSharded(db, entry.sql.sql(), values, entry.features, sink, false);
            } catch (MySqlException e) {
                sink.error(e.errorCode(), e.sqlState(), e.getMessage());
            } catch (RuntimeException e) {
                internalError(e, sink);
            }
            return;
        }
        boolean noBackslashEscapes = (state.lastBackendStatus & STATUS_NO_BACKSLASH_ESCAPES) != 0;
        String sql;
        if (placeholders == 0) {
            sql = entry.sql.sql();
        } else {
            List<String> literals = new ArrayList<>(placeholders);
            for (int i = 0; i < placeholders; i++) {
                literals.add(ParameterLiterals.literal(parameters.get(i), entry.longData(i), noBackslashEscapes));
            }
            sql = entry.sql.render(literals);
        }
        entry.clearLongData();
        try {
            runInDatabase(entry.database, sql, entry.kind, entry.features, withPreparedLabels(sink, entry));
        } catch (MySqlException e) {
            sink.error(e.errorCode(), e.sqlState(), e.getMessage());
        }
    }

    /** The sink with result columns labelled as at prepare time (see {@link PreparedLabelsCursor}). */
    private static ResultSink withPreparedLabels(ResultSink sink, PreparedStatementEntry entry) {
        if (entry.sql.placeholders() == 0 || entry.columns.isEmpty()) {
            return sink; // nothing was spliced into the text: the backend's labels are the prepared ones
        }
        return new ResultSink() {
            @Override
            public void ok(UpdateResult result, boolean more) {
                sink.ok(result, more);
            }

            @Override
            public void rows(RowCursor cursor, boolean more) throws SQLException {
                sink.rows(PreparedLabelsCursor.relabel(cursor, entry.columns), more);
            }

            @Override
            public void error(int errorCode, String sqlState, String message) {
                sink.error(errorCode, sqlState, message);
            }
        };
    }

    /**
     * Like MySQL, a prepared statement runs in the database it was prepared in: its unqualified
     * names were resolved there. The session's own database is restored afterwards.
     */
    private void runInDatabase(String database, String sql, StatementKind kind, int features, ResultSink sink)
            throws MySqlException {
        if (database == null || database.equals(state.database)) {
            run(sql, kind, features, sink, false);
            return;
        }
        String savedDatabase = state.database;
        LogicalDatabase savedServing = state.serving;
        String savedSchema = state.connection.schema();
        useDatabase(database);
        try {
            run(sql, kind, features, sink, false);
        } finally {
            state.database = savedDatabase;
            state.serving = savedServing;
            state.connection = state.connection.withSchema(savedSchema);
        }
    }

    @Override
    public void sendLongData(int statementId, int parameterIndex, byte[] data) {
        PreparedStatementEntry entry = prepared.get(statementId);
        if (entry != null) {
            entry.appendLongData(parameterIndex, data, env.maxAllowedPacket());
        }
    }

    @Override
    public void resetStatement(int statementId, ResultSink sink) {
        PreparedStatementEntry entry = prepared.get(statementId);
        if (entry == null) {
            sink.error(1243, "HY000", "Unknown prepared statement handler (" + statementId + ") given to mysqld_stmt_reset");
            return;
        }
        entry.clearLongData();
        sink.ok(UpdateResult.EMPTY, false);
    }

    @Override
    public void closeStatement(int statementId) {
        prepared.remove(statementId);
    }

    @Override
    public int parameterCount(int statementId) {
        PreparedStatementEntry entry = prepared.get(statementId);
        return entry == null ? -1 : entry.parameterCount;
    }

    // ------------------------------------------------------------------ connection-level commands

    @Override
    public void setOption(int option, ResultSink sink) {
        switch (option) {
            case 0 -> state.multiStatements = true;
            case 1 -> state.multiStatements = false;
            default -> {
                sink.error(1047, "08S01", "Unknown command");
                return;
            }
        }
        sink.ok(UpdateResult.EMPTY, false);
    }

    @Override
    public void resetConnection(ResultSink sink) {
        connections.releaseAll();
        prepared.clear();
        state.autocommit = true;
        state.lastInsertId = 0;
        selectInitialDatabase();
        sink.ok(UpdateResult.EMPTY, false);
    }

    @Override
    public int serverStatus() {
        BackendConnection c = executing;
        int backend = c != null ? c.serverStatus() : state.lastBackendStatus;
        boolean autocommit = c != null ? (backend & STATUS_AUTOCOMMIT) != 0 : state.autocommit;
        int status = autocommit ? STATUS_AUTOCOMMIT : 0;
        int transaction = connections.boundStatus() | (c != null ? backend : 0);
        status |= transaction & (STATUS_IN_TRANS | STATUS_IN_TRANS_READONLY);
        status |= backend & STATUS_NO_BACKSLASH_ESCAPES;
        return status;
    }

    @Override
    public String statistics() {
        return env.stats().statistics();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        connections.releaseAll();
        prepared.clear();
        env.stats().sessions.decrementAndGet();
        env.sessions().remove(client.connectionId(), this);
    }

    // ------------------------------------------------------------------ helpers

    private void internalError(RuntimeException e, ResultSink sink) {
        log.error("internal error in session {}", client.connectionId(), e);
        sink.error(BackendErrors.UNKNOWN_ERROR, "HY000", "Internal error in dbmesh: " + e);
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

    /** For tests: the replayable state the session would put on a backend connection. */
    io.dbmesh.proxy.backend.ConnectionState connectionState() {
        return state.connection;
    }

    /** For tests: whether a backend connection of the serving data source is bound to the session. */
    boolean bound() {
        return state.serving != null && connections.isBound(state.serving.defaultDataSource());
    }
}
