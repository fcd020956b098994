package io.dbmesh.proxy.session;

import io.dbmesh.core.sql.SqlScanner;
import io.dbmesh.mesh.telemetry.SessionTelemetry;
import io.dbmesh.proxy.backend.BackendErrors;
import io.dbmesh.proxy.backend.ConnectionState;
import io.dbmesh.proxy.backend.RowCountMode;
import io.dbmesh.proxy.backend.replica.ReplicaStatusTable;
import io.dbmesh.proxy.command.BoundParameter;
import io.dbmesh.proxy.command.ClientInfo;
import io.dbmesh.proxy.command.CommandHandler;
import io.dbmesh.core.error.MySqlException;
import io.dbmesh.proxy.command.PrepareSink;
import io.dbmesh.proxy.command.ResultSink;
import io.dbmesh.proxy.config.UserConfig;
import io.dbmesh.core.sql.ScannedSql;
import io.dbmesh.proxy.sql.ClassifiedStatement;
import io.dbmesh.proxy.sql.ShardingParserText;
import io.dbmesh.proxy.sql.StatementClassifier;
import io.dbmesh.proxy.text.ClientCharset;
import io.dbmesh.proxy.sql.StatementFeatures;
import io.dbmesh.proxy.sql.StatementKind;
import io.dbmesh.proxy.sql.StatementSplitter;
import io.dbmesh.proxy.telemetry.DigestStatements;
import io.dbmesh.core.result.RowCursor;
import io.dbmesh.core.result.UpdateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static io.dbmesh.proxy.sql.StatementFeatures.has;

/**
 * The execution side of one client connection: runs its commands against the backend of its
 * logical database, keeping the session's state (see {@link SessionState}) on whichever pooled
 * backend connection serves each statement, and binding a connection to the session while
 * {@link Pins} require it.
 *
 * <p>This class is the dispatcher; every statement follows the same path through it: split
 * (multi-statements) → classify (first keywords) → answer locally what the backend would answer
 * with physical names ({@link LocalAnswers}, {@link DatabaseSelection}, KILL) → plan: the sharding
 * engine ({@link ShardedStatements}) or one unparsed unsharded route to the serving data source of a
 * passthrough database ({@link SessionStatements#passthrough}), with {@link SetStatements} and
 * {@link TransactionEnd} for the statements that change session state → the plan runs on the one
 * execution path ({@link SessionStatements}, {@link SessionShardExecutor}, {@link SessionConnections})
 * → results streamed to the sink, which encodes them. Prepared statements
 * ({@link PreparedStatements}) join the same path at execution.
 */
public final class SessionCommandHandler implements CommandHandler {

    private static final Logger log = LoggerFactory.getLogger(SessionCommandHandler.class);

    static final int CLIENT_FOUND_ROWS = 1 << 1;
    static final int CLIENT_MULTI_STATEMENTS = 1 << 16;
    static final int CLIENT_LOCAL_FILES = 1 << 7;
    private static final int SERVER_STATUS_IN_TRANS = 1;

    private final ClientInfo client;
    private final UserConfig user;
    private final SessionEnvironment env;
    private final SessionState state = new SessionState();
    private final SessionConnections connections;
    private final DatabaseSelection databases;
    private final SidecarValues sidecarValues;
    /** The one execution path: every statement's plan runs there. */
    private final SessionStatements statements;
    /** Statements of sharded logical databases: planned by the sharding engine. */
    private final ShardedStatements sharded;
    /** LOCK/UNLOCK TABLES, CHECKSUM/ANALYZE/OPTIMIZE/CHECK/REPAIR TABLE of sharded databases. */
    private final ShardedTableStatements shardedTables;
    private final SetStatements sets;
    private final TransactionEnd transactionEnd;
    /** This session's side of the transaction coordinator (XA branches, COMMIT/ROLLBACK, disconnect). */
    private final SessionTransactions transactions;
    private final PreparedStatements prepared;
    private final FieldList fieldList;
    /** Prepared CALLs with OUT parameters (passthrough). */
    private final CallStatements calls;
    /** Server status bits added while a packet is written (SERVER_PS_OUT_PARAMS of an OUT-parameter row). */
    private volatile int extraStatus;
    /** Observes this session's statements (SessionTelemetry.NONE when telemetry is off). */
    private final SessionTelemetry telemetry;
    /** The sink wrapper telemetry sees results through; null when telemetry is off (no wrapping at all). */
    private final ObservedSink observed;
    /** Checks every statement of a user who is not an admin against the user's grant. */
    private final Authorization access;
    /**
     * The tokens of the COM_QUERY statement running now, lexed once on arrival (else null): the
     * sharding planner reads them instead of lexing the statement again, as long as the session
     * has not rewritten its text meanwhile (it checks).
     */
    private ScannedSql arrived;
    private final InformationSchemaAccess informationSchema;
    /** Logical database names in statements → physical ones. */
    private final LogicalNames names;
    /** Physical schema names in result metadata → logical ones. */
    private final LogicalSchemas schemas;
    /** LOAD DATA LOCAL INFILE into sharded tables: the file's rows inserted through the sharding engine. */
    private final ShardedLoadData shardedLoad = new ShardedLoadData(new ShardedLoadData.Statements() {
        @Override
        public void sharded(String sql, List<Object> parameters, ResultSink sink) throws MySqlException {
            runSharded((ShardedDatabase) state.serving, sql, parameters, StatementKind.DML, 0, sink, false);
        }

        @Override
        public void transaction(String sql, StatementKind kind, ResultSink sink) throws MySqlException {
            run(sql, kind, -1, sink, false);
        }
    });
    /** The statement running now (null between commands) and since when: PROCESSLIST. */
    private volatile String currentSql;
    private volatile long commandStart = System.nanoTime();
    /** KILL CONNECTION named this session: every further command is refused. */
    private volatile boolean killed;
    private boolean closed;

    SessionCommandHandler(ClientInfo client, UserConfig user, SessionEnvironment env) {
        this.client = client;
        this.user = user;
        this.env = env;
        this.telemetry = env.telemetry().sessionOpened(user.name(), SessionFactory.host(client));
        this.observed = telemetry == SessionTelemetry.NONE ? null : new ObservedSink(telemetry);
        RowCountMode mode = (client.capabilities() & CLIENT_FOUND_ROWS) != 0 ? RowCountMode.FOUND : RowCountMode.CHANGED;
        this.connections = new SessionConnections(env.pools(), mode, state, env.prepareCache()::clear);
        this.transactions = new SessionTransactions(env.transactions(), client.connectionId());
        connections.transactions(transactions);
        this.databases = new DatabaseSelection(client, user, env.databases(), state);
        this.sidecarValues = new SidecarValues(env, state, client.connectionId());
        this.statements = new SessionStatements(env, state, connections, sidecarValues, telemetry);
        this.sharded = new ShardedStatements(connections, () -> state.connection, telemetry, transactions, statements);
        this.shardedTables = new ShardedTableStatements(connections, transactions);
        this.sets = new SetStatements(state, connections, transactions);
        this.transactionEnd = new TransactionEnd(state, connections, statements, transactions);
        this.prepared = new PreparedStatements(env, state, connections, sharded);
        this.fieldList = new FieldList(connections, state);
        this.calls = new CallStatements(connections, state, bits -> extraStatus = bits);
        this.names = new LogicalNames(env.databases(), state);
        this.schemas = new LogicalSchemas(env.databases(), () -> state.serving);
        this.informationSchema = new InformationSchemaAccess(user, SessionFactory.host(client), env.databases(), state,
                this::ownSessions, this::catalogColumns);
        this.access = new Authorization(user, client, env.databases(), state, informationSchema);
        state.multiStatements = (client.capabilities() & CLIENT_MULTI_STATEMENTS) != 0;
        databases.selectInitial();
        ClientCharsets.applyHandshake(state, client.collation());
        env.stats().sessions.incrementAndGet();
        env.sessions().add(client.connectionId(), this);
    }

    // ------------------------------------------------------------------ COM_QUERY

    @Override
    public void query(String sql, ResultSink clientSink) {
        env.stats().questions.increment();
        ResultSink sink = observed == null ? schemas.results(clientSink) : observed.aim(schemas.results(clientSink));
        if (refuseKilled(sink)) {
            return;
        }
        List<String> statements = state.multiStatements ? StatementSplitter.split(sql, state.dialect) : List.of(sql);
        int n = statements.size();
        commandStart = System.nanoTime();
        currentSql = sql;
        try {
            for (int i = 0; i < n; i++) {
                String statement = statements.get(i);
                boolean ended = false;
                try {
                    // lexed once here: kind and features come from the same tokens
                    ClassifiedStatement classified = ClassifiedStatement.of(statement, state.dialect);
                    StatementKind kind = classified.kind();
                    if (observed != null) started(kind, statement);
                    arrived = classified.tokens();
                    run(statement, kind, classified.features(), sink, i < n - 1);
                    ended = true;
                } catch (MySqlException e) {
                    report(e, sink);
                    ended = true;
                    return; // like MySQL: the statements after a failing one are not run
                } finally {
                    arrived = null;
                    if (observed != null) ended(ended);
                }
            }
        } finally {
            currentSql = null;
            commandStart = System.nanoTime();
        }
    }

    /** Telemetry: a client statement begins (only called when telemetry is on). */
    private void started(StatementKind kind, String sql) {
        observed.nextStatement();
        telemetry.statementStarted(state.serving == null ? null : state.serving.name(), kind, sql);
    }

    /** Telemetry: the statement ended; {@code normally} false when it threw (the dispatcher sends 1105). */
    private void ended(boolean normally) {
        if (normally) telemetry.statementEnded(observed.errorCode, observed.sqlState);
        else telemetry.statementEnded(BackendErrors.UNKNOWN_ERROR, "HY000");
    }

    /**
     * Runs one statement.
     *
     * @param features {@link StatementFeatures} bits, or -1 to scan them here
     * @param more     whether more results of the same command follow this statement's
     */
    private void run(String sql, StatementKind kind, int features, ResultSink sink, boolean more) throws MySqlException {
        run(sql, kind, features, sink, more, false);
    }

    /** @param prepared the text of a prepared statement: checked and mapped to physical names when it was prepared */
    private void run(String sql, StatementKind kind, int features, ResultSink sink, boolean more, boolean prepared)
            throws MySqlException {
        if (connections.beginPending()) { // a passthrough BEGIN not sent yet goes first, unless a plain read takes it along
            if (features < 0) features = StatementFeatures.scan(sql, state.dialect);
            if (!ClientStatement.reads(kind, features)) connections.sendPendingBegin();
        }
        ShardWarnings.Show diagnostics = kind == StatementKind.SHOW ? ShardWarnings.parse(sql) : null;
        if (diagnostics == null) sharded.warnings().clear(); // a new statement: new diagnostics (SHOW WARNINGS keeps them)
        if (kind == StatementKind.SHOW && names.any()) { // SHOW PROCEDURE STATUS WHERE Db = 'orders': the Db shown
            String mapped = LogicalNames.showWhereInLogicalNames(sql, names.logicalOf(env.databases().visibleTo(user)),
                    state.database);
            if (!mapped.equals(sql)) features = -1;
            sql = mapped;
        }
        if (access.enforced() && !prepared) {
            switch (kind) {
                case USE, SHOW_DATABASES, KILL, COMMIT, ROLLBACK, BEGIN -> {
                    // answered by the sidecar, checked there
                }
                case SHOW -> {
                    if (answerShowLocally(sql, sink, more)) return;
                    String checked = access.check(sql, kind);
                    if (!checked.equals(sql)) features = -1;
                    sql = checked;
                }
                default -> {
                    String checked = access.check(sql, kind);
                    if (!checked.equals(sql)) features = -1;
                    sql = checked;
                }
            }
        }
        switch (kind) {
            case USE, SHOW_DATABASES, KILL, COMMIT, ROLLBACK, BEGIN -> {
            }
            default -> {
                if (prepared) break;
                if (kind == StatementKind.DDL && names.answerDatabaseDdl(sql)) {
                    sink.ok(UpdateResult.EMPTY, more);
                    return;
                }
                boolean nbe = (state.lastBackendStatus & 0x0200) != 0;
                String physical = names.toPhysical(sql, kind, nbe);
                if (!access.enforced() && names.any() && kind != StatementKind.SET) {
                    physical = informationSchema.mapForAdmin(physical, nbe);
                }
                if (!physical.equals(sql)) features = -1;
                sql = physical;
            }
        }
        switch (kind) {
            case USE -> {
                databases.use(LocalAnswers.useTarget(sql));
                sink.ok(UpdateResult.EMPTY, more);
            }
            case SHOW_DATABASES -> LocalAnswers.send(sink, LocalAnswers.showDatabases(sql, env.databases().visibleTo(user)), more);
            case SET -> sets.run(sql, sink, more);
            case COMMIT, ROLLBACK -> transactionEnd.run(sql, kind, sink, more);
            case KILL -> {
                kill(KillStatement.parse(sql, client.connectionId()));
                sink.ok(UpdateResult.EMPTY, more);
            }
            case SHOW -> {
                RowCursor txnTable;
                if (ReplicaStatusTable.matches(sql)) { // read/write splitting: SHOW DBMESH REPLICAS
                    LocalAnswers.send(sink, ReplicaStatusTable.of(connections.replicaGroups()), more);
                } else if (DigestStatements.isShow(sql)) { // telemetry: SHOW DBMESH DIGESTS
                    LocalAnswers.send(sink, DigestStatements.answer(sql, env.telemetry().digests(), user::mayUse), more);
                } else if ((txnTable = TransactionTables.answer(sql, env.transactions(), user.admin(), this::ownSession)) != null) {
                    LocalAnswers.send(sink, txnTable, more); // SHOW DBMESH TRANSACTIONS / INDOUBT
                } else if (diagnostics != null && sharded.warnings().active()) {
                    // SHOW WARNINGS after a sharded statement: every shard's, in logical names
                    LocalAnswers.send(sink, sharded.warnings().answer(diagnostics, schemas::message), more);
                } else {
                    ResultSink target = names.any() ? new LogicalNamesSink(sink, names.logicalOf(env.databases().visibleTo(user)),
                            schemas::message) : sink;
                    route(sql, kind, features >= 0 ? features : StatementFeatures.scan(sql, state.dialect), target, more);
                }
            }
            case BEGIN -> {
                if (state.serving instanceof ShardedDatabase db) {
                    sharded.begin(db, sql, sink, more);
                } else {
                    if (transactions.localOpen()) transactions.commitImplicitly(connections); // one a sharded database opened
                    if (state.serving instanceof PassthroughDatabase db && deferrableBegin(sql)
                            && !connections.replicaGroup(db.dataSource())) { // a group routes READ ONLY ones to a replica at BEGIN
                        // sent with the next statement: in its round trip when that is a plain read
                        connections.deferBegin(db.dataSource(), sql, TransactionStart.of(sql).readOnly());
                        sink.ok(UpdateResult.EMPTY, more);
                    } else {
                        statements.passthrough(sql, kind, features >= 0 ? features : StatementFeatures.scan(sql, state.dialect), sink, more);
                    }
                }
            }
            default -> {
                if (kind == StatementKind.OTHER && DigestStatements.isReset(sql)) { // telemetry: DBMESH RESET DIGESTS
                    if (!user.admin()) {
                        throw new MySqlException(1227, "42000", "Access denied; you need the admin: true user setting for DBMESH RESET DIGESTS");
                    }
                    DigestStatements.reset(env.telemetry().digests());
                    sink.ok(UpdateResult.EMPTY, more);
                    return;
                }
                if (kind == StatementKind.DML && StatementClassifier.isLoadLocal(sql)) {
                    if ((client.capabilities() & CLIENT_LOCAL_FILES) == 0) {
                        throw new MySqlException(4166, "HY000", "The used command is not allowed because the MariaDB server"
                                + " or client has disabled the local infile capability");
                    }
                    if (state.serving instanceof ShardedDatabase) {
                        shardedLoad.run(sql, sink, more, (serverStatus() & SERVER_STATUS_IN_TRANS) != 0 || !state.autocommit,
                                state.clientCharset.java());
                        return;
                    }
                }
                if (kind == StatementKind.OTHER) {
                    RowCursor recovered = TransactionTables.answer(sql, env.transactions(), user.admin(), this::ownSession); // DBMESH RECOVER
                    if (recovered != null) {
                        LocalAnswers.send(sink, recovered, more);
                        return;
                    }
                }
                int f = features >= 0 ? features : StatementFeatures.scan(sql, state.dialect);
                route(sidecarValues.rewrite(sql, kind, f), kind, f, sink, more);
            }
        }
    }

    /** A statement for the backends: planned by the sharding engine, or passed through to the serving data source. */
    private void route(String sql, StatementKind kind, int features, ResultSink sink, boolean more) throws MySqlException {
        if (state.serving instanceof ShardedDatabase db) {
            if (kind == StatementKind.UNLOCK_TABLES) {
                shardedTables.unlock(db, sink, more);
            } else if ((kind != StatementKind.LOCK_TABLES && kind != StatementKind.OTHER) || !shardedTables.run(db, sql, sink, more)) {
                if (io.dbmesh.proxy.sql.ConvertToCast.mayApply(sql)) sql = io.dbmesh.proxy.sql.ConvertToCast.rewrite(sql);
                runSharded(db, sql, List.of(), kind, features, sink, more);
            }
        } else {
            statements.passthrough(sql, kind, features, sink, more);
        }
    }

    private void runSharded(ShardedDatabase db, String sql, List<Object> parameters, StatementKind kind, int features,
                            ResultSink sink, boolean more) throws MySqlException {
        runSharded(db, sql, parameters, null, kind, features, sink, more);
    }

    /** @param binding the client's values for shard statements in the binary protocol, or null (text) */
    private void runSharded(ShardedDatabase db, String sql, List<Object> parameters, ShardBinding binding, StatementKind kind,
                            int features, ResultSink sink, boolean more) throws MySqlException {
        sql = ShardingParserText.forParser(sql, connections.noBackslashEscapes()); // \' and _binary'…', which JSqlParser cannot read
        sharded.run(db, sql, parameters, binding, kind, features, arrived, sink, more);
    }

    // ------------------------------------------------------------------ what a non-admin sees of the server

    /** SHOW PROCESSLIST and SHOW GRANTS of a user who is not an admin: the sidecar's own answer. */
    private boolean answerShowLocally(String sql, ResultSink sink, boolean more) throws MySqlException {
        SqlScanner s = new SqlScanner(sql);
        s.next(); // SHOW
        s.next();
        boolean full = s.isWord("FULL");
        if (full) s.next();
        if (s.isWord("PROCESSLIST")) {
            LocalAnswers.send(sink, LocalAnswers.processList(ownSessions(), full), more);
            return true;
        }
        if (s.isWord("GRANTS")) {
            LocalAnswers.send(sink, LocalAnswers.grants(user, SessionFactory.host(client), env.databases().visibleTo(user)), more);
            return true;
        }
        return false;
    }

    /** The columns of information_schema table {@code table} (or a qualified {@code mysql.proc}) on the serving data source (cached per sidecar). */
    private List<String> catalogColumns(String table) throws MySqlException {
        String ds = state.servingDataSource();
        String key = ds + "\0" + table;
        List<String> cached = env.databases().catalogColumns.get(key);
        if (cached != null) return cached;
        List<String> columns = connections.withConnection(ds, io.dbmesh.proxy.backend.AccessIntent.READ, StatementKind.SELECT, c -> {
            try (Statement st = c.jdbc().createStatement();
                 java.sql.ResultSet rs = st.executeQuery("SELECT * FROM " + (table.indexOf('.') < 0
                         ? "information_schema.`" + table + "`" : table) + " LIMIT 0")) {
                java.sql.ResultSetMetaData md = rs.getMetaData();
                List<String> out = new java.util.ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) out.add(md.getColumnName(i));
                return List.copyOf(out);
            }
        });
        env.databases().catalogColumns.put(key, columns);
        return columns;
    }

    /** What PROCESSLIST shows of a session. */
    record Activity(long id, String user, String host, String database, String command, long seconds, String info) {
    }

    Activity activity() {
        String sql = currentSql;
        long seconds = Math.max(0, (System.nanoTime() - commandStart) / 1_000_000_000L);
        return new Activity(client.connectionId(), user.name(), SessionFactory.host(client), state.database,
                sql == null ? "Sleep" : "Query", seconds, sql);
    }

    /** The sessions of this session's user (for a user who is not an admin, the only ones PROCESSLIST shows). */
    List<Activity> ownSessions() {
        List<Activity> out = new java.util.ArrayList<>();
        for (SessionCommandHandler h : env.sessions().all()) {
            if (h.user.name().equals(user.name())) out.add(h.activity());
        }
        out.sort(java.util.Comparator.comparingLong(Activity::id));
        return out;
    }

    // ------------------------------------------------------------------ KILL

    /** Resolves the sidecar connection id KILL names to its session (see {@link KillStatement}). */
    private void kill(KillStatement kill) throws MySqlException {
        long id = kill.connectionId();
        SessionCommandHandler target = env.sessions().get(id);
        if (target == null) {
            throw new MySqlException(1094, "HY000", "Unknown thread id: " + id);
        }
        if (!target.user.name().equals(user.name())) {
            throw new MySqlException(1095, "HY000", "You are not owner of thread " + id);
        }
        if (!kill.queryOnly()) {
            target.killed = true;
        }
        target.cancelRunning();
    }

    /** Whether the session with sidecar connection id {@code id} belongs to this session's user. */
    private boolean ownSession(String id) {
        try {
            SessionCommandHandler s = env.sessions().get(Long.parseLong(id));
            return s != null && s.user.name().equals(user.name());
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Interrupts the statement this session is running on its backend (Connector/J sends KILL QUERY). */
    void cancelRunning() {
        statements.cancelRunning();
    }

    private boolean refuseKilled(ResultSink sink) {
        if (killed) {
            sink.error(1927, "70100", "Connection was killed");
            return true;
        }
        return false;
    }

    // ------------------------------------------------------------------ COM_INIT_DB, COM_FIELD_LIST

    @Override
    public void initDb(String schema, ResultSink sink) {
        try {
            databases.use(schema);
            sink.ok(UpdateResult.EMPTY, false);
        } catch (MySqlException e) {
            report(e, sink);
        }
    }

    @Override
    public void fieldList(String table, String wildcard, ResultSink clientSink) {
        ResultSink sink = schemas.results(clientSink);
        try {
            if (state.serving instanceof ShardedDatabase db) {
                var node = PhysicalTables.first(db.rules(), table);
                fieldList.answer(node.dataSource(), node.table(), table, wildcard, sink);
            } else {
                fieldList.answer(table, wildcard, sink);
            }
        } catch (MySqlException e) {
            report(e, sink);
        }
    }

    // ------------------------------------------------------------------ prepared statements

    @Override
    public void prepare(String sql, PrepareSink clientSink) {
        PrepareSink sink = schemas.prepares(clientSink);
        try {
            ClassifiedStatement classified = ClassifiedStatement.of(sql, state.dialect);
            StatementKind kind = classified.kind();
            if (access.enforced() && kind != StatementKind.SHOW_DATABASES) {
                sql = access.check(sql, kind);
            }
            boolean nbe = (state.lastBackendStatus & 0x0200) != 0;
            sql = names.toPhysical(sql, kind, nbe);
            if (!access.enforced() && names.any()) {
                sql = informationSchema.mapForAdmin(sql, nbe);
            }
            int features = sql.equals(classified.sql()) ? classified.features() : StatementFeatures.scan(sql, state.dialect);
            String physical = sidecarValues.rewrite(sql, kind, features);
            if (state.serving instanceof ShardedDatabase db) {
                prepared.prepareSharded(db, physical, kind, features, sink);
            } else {
                prepared.prepareOnBackend(physical, kind, features, sink);
            }
        } catch (MySqlException e) {
            sink.error(e.errorCode(), e.sqlState(), e.getMessage());
        }
    }

    @Override
    public void execute(int statementId, int cursorFlags, List<BoundParameter> parameters, ResultSink clientSink) {
        env.stats().questions.increment();
        ResultSink sink = observed == null ? schemas.results(clientSink) : observed.aim(schemas.results(clientSink));
        if (refuseKilled(sink)) {
            return;
        }
        PreparedExecution execution = prepared.bind(statementId, parameters, sink);
        if (execution == null) {
            return; // refused: the sink has the error
        }
        PreparedStatementEntry entry = execution.entry();
        boolean ended = false;
        if (observed != null) started(entry.kind, entry.sql.sql());
        try {
            if (connections.beginPending() && !ClientStatement.reads(entry.kind, entry.features >= 0 ? entry.features
                    : StatementFeatures.scan(entry.sql.sql(), state.dialect))) {
                connections.sendPendingBegin(); // a passthrough BEGIN not sent yet goes first, unless a plain read takes it along
            }
            switch (execution) {
                case PreparedExecution.Sharded s -> {
                    try {
                        runSharded(s.db(), entry.sql.sql(), s.values(), s.binding(), entry.kind, entry.features, sink, false);
                    } catch (RuntimeException e) {
                        internalError(e, sink);
                    }
                }
                case PreparedExecution.Binary b -> databases.runIn(entry.database, () -> {
                    if (state.serving instanceof PassthroughDatabase db) {
                        String sql = sidecarValues.rewrite(entry.sql.sql(), entry.kind, entry.features);
                        statements.passthroughPrepared(db, sql, b.binding(), entry.kind, entry.features, PreparedLabelsSink.of(sink, entry));
                    } else { // prepared in a database that is sharded now
                        run(b.binding().text().get(), entry.kind, entry.features, PreparedLabelsSink.of(sink, entry), false, true);
                    }
                });
                case PreparedExecution.Text t -> databases.runIn(entry.database, () -> {
                    if (entry.kind != StatementKind.CALL || entry.parameterCount == 0
                            || !calls.run(entry, parameters, state.database, sink)) {
                        run(t.sql(), entry.kind, entry.features, PreparedLabelsSink.of(sink, entry), false, true);
                    }
                });
            }
            ended = true;
        } catch (MySqlException e) {
            report(e, sink);
            ended = true;
        } finally {
            if (observed != null) ended(ended);
        }
    }

    @Override
    public void sendLongData(int statementId, int parameterIndex, byte[] data) {
        prepared.sendLongData(statementId, parameterIndex, data);
    }

    @Override
    public void resetStatement(int statementId, ResultSink sink) {
        prepared.reset(statementId, sink);
    }

    @Override
    public void closeStatement(int statementId) {
        prepared.close(statementId);
    }

    @Override
    public int parameterCount(int statementId) {
        return prepared.parameterCount(statementId);
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

    /**
     * A passthrough BEGIN that may wait for the next statement ({@link SessionConnections#deferBegin}):
     * a plain one ({@link LazyTransaction#isPlainBegin}), with nothing open that it would commit or
     * unlock first (no transaction, autocommit on, no LOCK TABLES).
     */
    private boolean deferrableBegin(String sql) {
        return LazyTransaction.isPlainBegin(sql) && !transactions.active() && !transactions.localOpen()
                && !connections.inTransactionOrAutocommitOff() && !connections.anyPinned(Pins.TABLE_LOCKS);
    }

    @Override
    public void resetConnection(ResultSink sink) {
        transactions.rollbackXa(connections);
        transactions.endLocal(); // its connections roll back as they are released
        connections.releaseAll();
        prepared.clear();
        state.autocommit = true;
        state.lastInsertId = 0;
        databases.selectInitial();
        ClientCharsets.applyHandshake(state, client.collation());
        sink.ok(UpdateResult.EMPTY, false);
    }

    @Override
    public int serverStatus() {
        return connections.serverStatus() | extraStatus;
    }

    @Override
    public ClientCharset clientCharset() {
        return state.clientCharset;
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
        try {
            transactions.rollbackXa(connections); // a client gone mid-transaction: its XA branches roll back
        } catch (RuntimeException e) {
            log.warn("rolling back the XA transaction of session {} failed", client.connectionId(), e);
        }
        connections.releaseAll();
        prepared.clear();
        env.stats().sessions.decrementAndGet();
        env.sessions().remove(client.connectionId(), this);
        telemetry.closed();
    }

    // ------------------------------------------------------------------ helpers

    private static void report(MySqlException e, ResultSink sink) {
        sink.error(e.errorCode(), e.sqlState(), e.getMessage());
    }

    private void internalError(RuntimeException e, ResultSink sink) {
        log.error("internal error in session {}", client.connectionId(), e);
        sink.error(BackendErrors.UNKNOWN_ERROR, "HY000", "Internal error in dbmesh: " + e);
    }

    /** For tests: the replayable state the session would put on a backend connection. */
    ConnectionState connectionState() {
        return state.connection;
    }

    /** For tests: whether a backend connection of the serving data source is bound to the session. */
    boolean bound() {
        return state.serving != null && connections.isBound(state.serving.defaultDataSource());
    }
}
