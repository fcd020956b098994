package io.dbmesh.proxy.session;

import io.dbmesh.core.sql.ScannedSql;
import io.dbmesh.mesh.telemetry.RouteKind;
import io.dbmesh.mesh.telemetry.SessionTelemetry;
import io.dbmesh.proxy.backend.AccessIntent;
import io.dbmesh.proxy.backend.BackendConnection;
import io.dbmesh.proxy.backend.BackendErrors;
import io.dbmesh.proxy.backend.ConnectionState;
import io.dbmesh.proxy.command.BoundParameter;
import io.dbmesh.core.error.MySqlException;
import io.dbmesh.proxy.command.ResultSink;
import io.dbmesh.proxy.loop.LoopThreads;
import io.dbmesh.proxy.sql.StatementKind;
import io.dbmesh.sharding.ShardResult;
import io.dbmesh.sharding.engine.PlanExecutor;
import io.dbmesh.sharding.plan.Plan;
import io.dbmesh.sharding.plan.PlanTrees;
import io.dbmesh.sharding.plan.PreparedColumns;
import io.dbmesh.core.result.ColumnType;
import io.dbmesh.core.result.UpdateResult;
import io.dbmesh.txn.TransactionMode;

import java.math.BigInteger;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs a session's statements on a {@link ShardedDatabase}: plan (cached by text), execute the plan
 * over the session's shard executor, stream rows or report the OK. In local transaction mode a
 * transaction started with BEGIN / START TRANSACTION opens on a data source at its first statement
 * there ({@link LazyTransaction}), so each shard's part of it is an ordinary local transaction;
 * COMMIT then commits the joined data sources (not atomic across shards). In XA mode BEGIN
 * opens an XA transaction whose branches start as statements touch data sources
 * ({@link SessionTransactions}), and an autocommit write spanning shards runs as one implicit XA
 * transaction.
 */
final class ShardedStatements {
    private final SessionConnections connections;
    private final Supplier<ConnectionState> state;
    private final SessionTelemetry telemetry;
    private final SessionTransactions transactions;
    private final SessionStatements statements;
    private final ShardWarnings warnings = new ShardWarnings();

    ShardedStatements(SessionConnections connections, Supplier<ConnectionState> state, SessionTelemetry telemetry,
                      SessionTransactions transactions, SessionStatements statements) {
        this.connections = connections;
        this.state = state;
        this.telemetry = telemetry;
        this.transactions = transactions;
        this.statements = statements;
    }

    /**
     * Plans {@code sql} (with a prepared statement's values) and runs the plan through the session's one executor.
     *
     * @param binding the client's values of a COM_STMT_EXECUTE for the shard statements that keep its
     *                placeholders, in the binary protocol ({@link ShardBinding}); null: text
     * @param arrived the client statement's tokens as lexed on arrival, or null: the planner reads them
     *                instead of lexing {@code sql} again when it is still that text
     */
    void run(ShardedDatabase db, String sql, List<Object> parameters, ShardBinding binding, StatementKind kind, int features,
             ScannedSql arrived, ResultSink sink, boolean more) throws MySqlException {
        if (kind == StatementKind.OTHER) {
            SavepointStatement savepoint = SavepointStatement.parse(sql);
            if (savepoint != null) {
                savepoint(savepoint, sink, more);
                return;
            }
        }
        if (!transactions.active() && transactions.mode(db.name(), state.get()) == TransactionMode.LOCAL) {
            if (transactions.localOpen() && kind == StatementKind.DDL) {
                transactions.commitImplicitly(connections); // DDL commits the transaction first, as in MySQL
            } else if (!transactions.localOpen() && "0".equals(state.get().variables().get("autocommit"))) {
                transactions.beginLocal(null, false, characteristicsPending()); // autocommit=0: every statement is in one
            }
        }
        ClientStatement statement = new ClientStatement(kind, features, false);
        SessionShardExecutor shards = statements.executor(statement);
        shards.backslashEscapedText(); // every caller passes ShardingParserText.forParser's text
        warnings.start();
        shards.diagnostics(warnings);
        PlanExecutor executor = db.planExecutor(shards);
        try {
            long planning = System.nanoTime();
            Plan plan = db.planner().plan(InsertColumnList.complete(sql, db.rules(), this::columnsOf), parameters, arrived);
            // not for a federation: its scans are the engine's own statements, run again while others stream
            if (binding != null && !PlanTrees.federated(plan)) shards.binaryParameters(binding);
            if (!transactions.active() && transactions.mode(db.name(), state.get()) == TransactionMode.XA) {
                if ("0".equals(state.get().variables().get("autocommit"))) {
                    transactions.beginXa(); // autocommit=0: every statement is in a transaction, XA from its first one
                } else if (writesSeveralDataSources(sql, plan)) {
                    runInImplicitTransaction(executor, plan, shards, statement, sink, more);
                    return;
                }
            }
            boolean federated = PlanTrees.federated(plan);
            if (telemetry != SessionTelemetry.NONE) {
                telemetry.planned(planning, System.nanoTime());
                telemetry.route(federated ? RouteKind.FEDERATED : PlanTrees.physicalStatementCount(plan) > 1 ? RouteKind.SCATTER : RouteKind.SINGLE_SHARD);
            }
            if (federated) {
                // Calcite compiles and joins on the CPU for long: not on an event loop (see LoopThreads)
                LoopThreads.offload(() -> {
                    statements.run(shards, executor, plan, statement, db.name(), sink, more);
                    return null;
                });
            } else {
                statements.run(shards, executor, plan, statement, db.name(), sink, more);
            }
        } catch (SQLException e) {
            warnings.failed(e);
            throw BackendErrors.toMySql(e, db.name());
        } catch (MySqlException e) {
            warnings.failed(e.errorCode(), e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The diagnostics of the last sharded statement, from all its shards (SHOW WARNINGS). */
    ShardWarnings warnings() {
        return warnings;
    }

    /** {@code sql} with the column list {@link InsertColumnList} adds to an INSERT into a sharded table without one. */
    String completeInsert(ShardedDatabase db, String sql) throws MySqlException {
        try {
            return InsertColumnList.complete(sql, db.rules(), this::columnsOf);
        } catch (SQLException e) {
            throw BackendErrors.toMySql(e, db.name());
        }
    }

    /** The visible columns of a physical table, in order (for {@link InsertColumnList}). */
    private List<String> columnsOf(io.dbmesh.sharding.rule.DataNode table) throws SQLException {
        return read(table.dataSource(), c -> {
            List<String> columns = new ArrayList<>();
            try (java.sql.PreparedStatement ps = c.jdbc().prepareStatement("SELECT COLUMN_NAME FROM information_schema.COLUMNS"
                    + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND EXTRA NOT LIKE '%INVISIBLE%' ORDER BY ORDINAL_POSITION")) {
                ps.setString(1, table.table());
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) columns.add(rs.getString(1));
                }
            }
            return columns;
        });
    }

    /** A read of the sidecar's on {@code ds} ({@link SessionConnections#withConnection}), failing as the engine's callbacks do. */
    private <T> T read(String ds, SessionConnections.OnConnection<T> work) throws SQLException {
        try {
            return connections.withConnection(ds, AccessIntent.READ, StatementKind.SELECT, work);
        } catch (MySqlException e) {
            throw new SQLException(e.getMessage(), e.sqlState(), e.errorCode(), e);
        }
    }

    /**
     * An autocommit write that spans several data sources, in XA mode: one XA transaction around it,
     * committed before the client gets the OK (rolled back when the statement fails).
     */
    private void runInImplicitTransaction(PlanExecutor executor, Plan plan, SessionShardExecutor shards,
                                          ClientStatement statement, ResultSink sink, boolean more) throws Exception {
        transactions.beginXa();
        ShardResult result;
        try {
            result = executor.execute(plan);
            if (result instanceof ShardResult.Rows rows) rows.cursor().close(); // a write: never rows
        } catch (Exception | Error e) {
            transactions.rollbackXa(connections);
            throw e;
        }
        transactions.commitXa(connections);
        statements.deliver(result, shards, statement, sink, more);
    }

    /** INSERT/UPDATE/DELETE/REPLACE whose physical statements go to two data sources or more. */
    private static boolean writesSeveralDataSources(String sql, Plan plan) {
        if (plan.returnsRows() || io.dbmesh.proxy.sql.StatementClassifier.classify(sql) != io.dbmesh.proxy.sql.StatementKind.DML) {
            return false;
        }
        return PlanTrees.dataSources(plan).size() > 1;
    }

    /**
     * The result columns a prepared statement will have, for the COM_STMT_PREPARE answer, as the
     * engine infers them ({@link PreparedColumns}); when they are those of a physical statement, it
     * is prepared on its backend. Best effort: empty when unknown or on any failure, which clients
     * accept since every execution sends its column definitions anyway.
     */
    List<io.dbmesh.core.result.Column> resultColumns(io.dbmesh.sharding.plan.PlanTemplate template) {
        try {
            return switch (PreparedColumns.of(template)) {
                case PreparedColumns.Known known -> known.columns();
                case PreparedColumns.Unknown unknown -> List.of();
                case PreparedColumns.FromBackend backend -> backend.visible(describe(backend.statement()));
            };
        } catch (SQLException | RuntimeException e) {
            return List.of();
        }
    }

    /** The result columns of {@code s} as its backend describes them when it prepares it. */
    private List<io.dbmesh.core.result.Column> describe(io.dbmesh.sharding.PhysicalStatement s) throws SQLException {
        return read(s.dataSource(), c -> c.prepareShape(s.sql()).columns());
    }

    /**
     * BEGIN / START TRANSACTION. XA mode: an XA transaction whose branches start as statements touch
     * data sources (an open one is committed first, as BEGIN implicitly commits in MySQL). Local
     * mode: likewise no backend is touched; each data source joins at its first statement
     * ({@link LazyTransaction}), except WITH CONSISTENT SNAPSHOT, which opens on every data source now.
     */
    void begin(ShardedDatabase db, String sql, ResultSink sink, boolean more) throws MySqlException {
        if (transactions.active()) transactions.commitXa(connections);
        if (transactions.localOpen()) transactions.commitImplicitly(connections); // BEGIN commits an open transaction, as in MySQL
        if (transactions.mode(db.name(), state.get()) == TransactionMode.XA) {
            if (!connections.inTransaction().isEmpty()) {
                throw new MySqlException(1400, "XAE09", "a local transaction is still open on "
                        + connections.inTransaction().get(0).getKey() + ": COMMIT or ROLLBACK it before an XA transaction");
            }
            transactions.beginXa();
            sink.ok(UpdateResult.EMPTY, more);
            return;
        }
        transactions.commitImplicitly(connections); // what autocommit=0 left open too
        TransactionStart start = TransactionStart.of(sql);
        transactions.beginLocal(sql, start.readOnly(), characteristicsPending());
        if (start.consistentSnapshot()) {
            // the snapshot must be taken now on every data source, not at each one's first read
            for (String ds : db.rules().dataSources()) {
                BackendConnection c;
                try {
                    c = connections.acquire(ds, AccessIntent.WRITE);
                } catch (SQLException e) {
                    transactions.endLocal();
                    List<Map.Entry<String, BackendConnection>> open = connections.inTransaction();
                    SessionTransactions.rollbackLocal(open, connections);
                    throw BackendErrors.toMySql(e, ds);
                }
                connections.settle(ds, c, connections.pins(ds) | (c.inTransaction() ? Pins.TRANSACTION : 0));
            }
        }
        sink.ok(UpdateResult.EMPTY, more);
    }

    /** Whether a SET TRANSACTION for the next transaction is still pending on a bound connection. */
    private boolean characteristicsPending() {
        return connections.anyPinned(Pins.NEXT_TRANSACTION);
    }

    /**
     * SAVEPOINT / ROLLBACK TO / RELEASE SAVEPOINT in a sharded database: on every data source the
     * transaction joined, and remembered for those that join later ({@link Savepoints}; local and xa
     * mode alike). Outside a transaction SAVEPOINT does nothing and the others name no savepoint
     * (error 1305), as in MySQL.
     */
    private void savepoint(SavepointStatement s, ResultSink sink, boolean more) throws MySqlException {
        Savepoints savepoints = transactions.savepoints();
        if (savepoints == null && connections.inTransaction().isEmpty()) {
            if (s.action() == SavepointStatement.Action.SET) {
                sink.ok(UpdateResult.EMPTY, more);
                return;
            }
            throw new MySqlException(1305, "42000", "SAVEPOINT " + s.name() + " does not exist");
        }
        if (savepoints == null) {
            throw MySqlException.notSupported("savepoints in a sharded database outside a transaction the sidecar"
                    + " opened (BEGIN, or autocommit=0)");
        }
        if (s.action() != SavepointStatement.Action.SET && !savepoints.has(s.key())) {
            throw new MySqlException(1305, "42000", "SAVEPOINT " + s.name() + " does not exist");
        }
        for (Map.Entry<String, BackendConnection> e : transactions.joined(connections)) {
            BackendConnection c = e.getValue();
            try {
                c.executeInternal(s.sql());
            } catch (SQLException ex) {
                // the savepoint is now on some data sources and not on others: only a rollback is sound
                throw connections.fail(e.getKey(), c, ex, StatementKind.OTHER);
            }
        }
        savepoints.applied(s);
        sink.ok(UpdateResult.EMPTY, more);
    }

    /** The values of a COM_STMT_EXECUTE, as the planner and JDBC take them. */
    static List<Object> parameterValues(List<BoundParameter> parameters, PreparedStatementEntry entry,
                                        io.dbmesh.proxy.text.ClientCharset charset) {
        List<Object> out = new ArrayList<>(parameters.size());
        for (int i = 0; i < parameters.size(); i++) {
            BoundParameter p = parameters.get(i);
            byte[] longData = entry.longData(i);
            if (longData != null) {
                boolean text = p.type() == ColumnType.VAR_STRING || p.type() == ColumnType.STRING || p.type() == ColumnType.VARCHAR;
                String value = text ? charset.text(longData) : null;
                out.add(value != null ? value : longData); // bytes not valid as text go as bytes (setBytes: exact)
                continue;
            }
            Object v = p.value();
            if (v instanceof Long l && p.unsigned() && l < 0) v = new BigInteger(Long.toUnsignedString(l));
            else if (v instanceof Duration d) v = io.dbmesh.core.sql.SqlLiterals.duration(d); // a TIME: as text
            out.add(v);
        }
        return out;
    }
}
