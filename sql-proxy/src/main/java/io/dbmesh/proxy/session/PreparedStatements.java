package io.dbmesh.proxy.session;

import io.dbmesh.proxy.backend.AccessIntent;
import io.dbmesh.proxy.backend.BackendErrors;
import io.dbmesh.proxy.backend.PreparedShape;
import io.dbmesh.proxy.command.BoundParameter;
import io.dbmesh.core.error.MySqlException;
import io.dbmesh.proxy.command.PrepareSink;
import io.dbmesh.proxy.command.ResultSink;
import io.dbmesh.proxy.sql.PlaceholderSql;
import io.dbmesh.proxy.sql.StatementClassifier;
import io.dbmesh.proxy.text.ClientCharset;
import io.dbmesh.proxy.sql.StatementKind;
import io.dbmesh.sharding.plan.PlanTemplate;
import io.dbmesh.core.result.Column;
import io.dbmesh.core.result.ColumnFlags;
import io.dbmesh.core.result.ColumnType;
import io.dbmesh.core.result.UpdateResult;

import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/**
 * The binary-protocol statements of one session: COM_STMT_PREPARE answered from the backend's
 * own prepare (or the metadata cache, or the sharding engine), then COM_STMT_EXECUTE bound into a
 * {@link PreparedExecution}, long data, reset and close. Passthrough reads and writes execute as
 * server-side prepared statements kept per backend connection; the rest run as text (see
 * docs/architecture.md, "Prepared statements").
 */
final class PreparedStatements {

    /** How MySQL describes a parameter in the COM_STMT_PREPARE response. */
    private static final Column PARAMETER = new Column("", "", "", "?", "", 63, 0, ColumnType.VAR_STRING,
            ColumnFlags.BINARY, 0);

    private final SessionEnvironment env;
    private final SessionState state;
    private final SessionConnections connections;
    private final ShardedStatements sharded;
    /**
     * Whether passthrough reads and writes run in the binary protocol on the backend (server-side
     * prepared statements). On unless {@code -Ddbmesh.binaryBackend=false}: the switch exists to
     * measure the difference (README "Against the byte relay").
     */
    static final boolean BINARY_BACKEND = !"false".equals(System.getProperty("dbmesh.binaryBackend"));
    /** ER_MAX_PREPARED_STMT_COUNT_REACHED */
    private static final int ER_MAX_PREPARED_STMT_COUNT_REACHED = 1461;

    private final PreparedStatementRegistry registry = new PreparedStatementRegistry();

    PreparedStatements(SessionEnvironment env, SessionState state, SessionConnections connections,
                       ShardedStatements sharded) {
        this.env = env;
        this.state = state;
        this.connections = connections;
        this.sharded = sharded;
    }

    /** A statement of a sharded database: analysed (and cached) by the sharding engine; routed again at every execution. */
    void prepareSharded(ShardedDatabase db, String statement, StatementKind kind, int features, PrepareSink sink)
            throws MySqlException {
        String physical = sharded.completeInsert(db, statement); // INSERT … VALUES (?, ?) without a column list
        reserve(physical);
        int held = registry.size(); // the budget goes back unless the statement entered the registry
        try {
            int count;
            List<Column> resultColumns;
            try {
                // read as each execution's text will be (ShardingParserText, in runSharded)
                PlanTemplate template = db.planner().prepare(
                        io.dbmesh.proxy.sql.ShardingParserText.forParser(physical, connections.noBackslashEscapes()));
                count = template.parameterCount();
                resultColumns = sharded.resultColumns(template);
            } catch (SQLException e) {
                throw BackendErrors.toMySql(e, db.name());
            }
            register(physical, kind, features, count, resultColumns, 0, sink);
        } finally {
            if (registry.size() == held) env.preparedBudget().release(physical.length());
        }
    }

    /**
     * Room for one more statement in this session and in the process (count and text bytes, see
     * README "Security"); taken now, given back when the statement is closed or the session ends.
     */
    private void reserve(String physical) throws MySqlException {
        int perConnection = env.limits().preparedStatementsPerConnection();
        if (registry.size() >= perConnection) {
            throw tooMany(perConnection, "limits.prepared_statements_per_connection");
        }
        PreparedStatementBudget budget = env.preparedBudget();
        if (!budget.tryReserve(physical.length())) {
            throw budget.count() >= budget.maxCount() ? tooMany(budget.maxCount(), "limits.prepared_statements")
                    : new MySqlException(ER_MAX_PREPARED_STMT_COUNT_REACHED, "42000",
                    "Can't create more than max_prepared_stmt_count statements (the prepared statements of all"
                            + " connections would exceed limits.prepared_statement_bytes = " + budget.maxBytes() + " bytes of text)");
        }
    }

    private static MySqlException tooMany(long limit, String key) {
        return new MySqlException(ER_MAX_PREPARED_STMT_COUNT_REACHED, "42000",
                "Can't create more than max_prepared_stmt_count statements (current value: " + limit + "; dbmesh " + key + ")");
    }

    /**
     * A statement of a passthrough database: the backend parses it (exact parameter count, result
     * columns and errors). Reads and writes without temporary tables in play are answered from the
     * metadata cache when the same SQL was prepared before.
     */
    void prepareOnBackend(String physical, StatementKind kind, int features, PrepareSink sink) throws MySqlException {
        String ds = state.servingDataSource();
        reserve(physical);
        int held = registry.size(); // the budget goes back unless the statement entered the registry
        try {
            prepareOnBackend(ds, physical, kind, features, sink);
        } finally {
            if (registry.size() == held) env.preparedBudget().release(physical.length());
        }
    }

    private void prepareOnBackend(String ds, String physical, StatementKind kind, int features, PrepareSink sink)
            throws MySqlException {
        boolean cacheable = (kind == StatementKind.SELECT || kind == StatementKind.DML)
                && (connections.pins(ds) & Pins.TEMPORARY_TABLES) == 0;
        String cacheKey = cacheable ? PrepareMetadataCache.key(ds, state.connection.schema(), physical) : null;
        PrepareMetadataCache.Metadata metadata = cacheable ? env.prepareCache().get(cacheKey) : null;
        int warnings = 0;
        if (metadata == null) {
            // the backend parses it (COM_STMT_PREPARE): exact parameter count, result columns and errors
            Prepared p = connections.withConnection(ds, kind.readOnly() ? AccessIntent.READ : AccessIntent.WRITE,
                    StatementKind.OTHER, c -> {
                        PreparedShape shape = c.prepareShape(physical);
                        return new Prepared(new PrepareMetadataCache.Metadata(shape.parameterCount(), shape.columns()),
                                c.warnings());
                    });
            metadata = p.metadata();
            warnings = p.warnings();
            if (cacheable && warnings == 0) {
                env.prepareCache().put(cacheKey, metadata);
            }
        }
        register(physical, kind, features, metadata.parameterCount(), metadata.columns(), warnings, sink);
    }

    private record Prepared(PrepareMetadataCache.Metadata metadata, int warnings) {
    }

    /** Gives the statement its id (prepared in the session's current database) and answers the client. */
    private void register(String physical, StatementKind kind, int features, int parameterCount, List<Column> columns,
                          int warnings, PrepareSink sink) {
        int id = registry.nextId();
        registry.add(new PreparedStatementEntry(id, PlaceholderSql.of(physical), kind, features, state.database,
                parameterCount, columns));
        sink.prepared(id, Collections.nCopies(parameterCount, PARAMETER), columns, warnings);
    }

    /**
     * COM_STMT_EXECUTE: the statement with its parameters (and long data) bound, or null when it
     * cannot run — the sink then has the error. Long data is consumed either way.
     */
    PreparedExecution bind(int statementId, List<BoundParameter> parameters, ResultSink sink) {
        PreparedStatementEntry entry = registry.get(statementId);
        if (entry == null) {
            sink.error(1243, "HY000", "Unknown prepared statement handler (" + statementId + ") given to mysqld_stmt_execute");
            return null;
        }
        if (entry.takeLongDataOverflow()) {
            sink.error(1153, "08S01", "Got a packet bigger than 'max_allowed_packet' bytes (the long data sent for"
                    + " this statement exceeds " + longDataLimit() + " bytes: dbmesh limits.long_data_per_statement"
                    + " or max_allowed_packet, the smaller)");
            return null;
        }
        if (parameters.size() < entry.sql.placeholders()) {
            entry.clearLongData();
            sink.error(1210, "HY000", "Incorrect arguments to mysqld_stmt_execute");
            return null;
        }
        if (state.serving instanceof ShardedDatabase db && entry.parameterCount > 0) {
            List<Object> values = ShardedStatements.parameterValues(parameters.subList(0, entry.parameterCount), entry, state.clientCharset);
            ShardBinding binding = null;
            if (env.binaryShards() && (entry.kind == StatementKind.SELECT || entry.kind == StatementKind.DML)
                    && BinaryParameters.supports(parameters, entry.parameterCount, entry.kind == StatementKind.DML,
                    entry::hasLongData)) {
                binding = new ShardBinding(new BinaryParameters(parameters, entry.takeLongData(), state.clientCharset), values,
                        entry.shardMarkers);
            }
            entry.clearLongData();
            return new PreparedExecution.Sharded(entry, db, values, binding);
        }
        if (BINARY_BACKEND && (entry.kind == StatementKind.SELECT
                || entry.kind == StatementKind.DML && !StatementClassifier.isLoadLocal(entry.sql.sql()))
                && entry.sql.placeholders() == entry.parameterCount
                && BinaryParameters.supports(parameters, entry.parameterCount, entry.kind == StatementKind.DML,
                entry::hasLongData)) {
            byte[][] longData = entry.takeLongData();
            boolean noBackslashEscapes = connections.noBackslashEscapes();
            ClientCharset charset = state.clientCharset;
            return new PreparedExecution.Binary(entry, new PreparedBinding(new BinaryParameters(parameters, longData, charset),
                    () -> entry.render(parameters, longData, noBackslashEscapes, charset)));
        }
        String sql = entry.render(parameters, connections.noBackslashEscapes(), state.clientCharset);
        entry.clearLongData();
        return new PreparedExecution.Text(entry, sql);
    }

    /** COM_STMT_SEND_LONG_DATA: never answered, so an unknown statement is ignored. */
    void sendLongData(int statementId, int parameterIndex, byte[] data) {
        PreparedStatementEntry entry = registry.get(statementId);
        if (entry != null) {
            entry.appendLongData(parameterIndex, data, longDataLimit());
        }
    }

    /** Long data one statement may buffer until its execute, all parameters together. */
    private long longDataLimit() {
        return Math.min(env.limits().longDataPerStatement(), env.maxAllowedPacket());
    }

    void reset(int statementId, ResultSink sink) {
        PreparedStatementEntry entry = registry.get(statementId);
        if (entry == null) {
            sink.error(1243, "HY000", "Unknown prepared statement handler (" + statementId + ") given to mysqld_stmt_reset");
            return;
        }
        entry.clearLongData();
        sink.ok(UpdateResult.EMPTY, false);
    }

    void close(int statementId) {
        PreparedStatementEntry entry = registry.get(statementId);
        if (entry != null) {
            registry.remove(statementId);
            env.preparedBudget().release(entry.sql.sql().length());
        }
    }

    /** The parameter count of a statement, or -1 when there is no such statement. */
    int parameterCount(int statementId) {
        PreparedStatementEntry entry = registry.get(statementId);
        return entry == null ? -1 : entry.parameterCount;
    }

    /** Forgets every statement (COM_RESET_CONNECTION, session end). */
    void clear() {
        for (PreparedStatementEntry entry : registry.entries()) {
            env.preparedBudget().release(entry.sql.sql().length());
        }
        registry.clear();
    }
}
