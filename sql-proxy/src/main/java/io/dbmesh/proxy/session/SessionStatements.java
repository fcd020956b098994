package io.dbmesh.proxy.session;

import io.dbmesh.mesh.telemetry.SessionTelemetry;
import io.dbmesh.proxy.backend.BackendErrors;
import io.dbmesh.core.error.MySqlException;
import io.dbmesh.proxy.command.ResultSink;
import io.dbmesh.proxy.sql.StatementKind;
import io.dbmesh.sharding.ShardResult;
import io.dbmesh.sharding.engine.PlanExecutor;
import io.dbmesh.sharding.plan.Plan;
import io.dbmesh.core.result.RowCursor;
import io.dbmesh.core.result.UpdateResult;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The one execution path of a session's statements, whatever their logical database: a plan (one
 * unparsed unsharded route for a passthrough database, the sharding engine's plan for a sharded
 * one) runs through the database's plan executor over one {@link SessionShardExecutor}, and its
 * results go to the sink — every result of a multi-result statement (CALL), the session's
 * LAST_INSERT_ID taken from each OK. Also the door for KILL QUERY: every backend statement of the
 * running client statement is cancelled.
 */
final class SessionStatements {
    private final SessionEnvironment env;
    private final SessionState state;
    private final SessionConnections connections;
    private final SidecarValues sidecarValues;
    private final SessionTelemetry telemetry;
    /** The backend statements of the client statement running now (KILL QUERY cancels them). */
    private final RunningStatements running = new RunningStatements();

    SessionStatements(SessionEnvironment env, SessionState state, SessionConnections connections,
                      SidecarValues sidecarValues, SessionTelemetry telemetry) {
        this.env = env;
        this.state = state;
        this.connections = connections;
        this.sidecarValues = sidecarValues;
        this.telemetry = telemetry;
    }

    /** A statement of the serving passthrough database (or a session statement for its data source). */
    void passthrough(String sql, StatementKind kind, int features, ResultSink sink, boolean more) throws MySqlException {
        LogicalDatabase db = state.serving;
        if (db == null) throw MySqlException.noDatabaseSelected();
        onDataSource(db, db.defaultDataSource(), sql, kind, features, sink, more, null);
    }

    /** A passthrough COM_STMT_EXECUTE in the binary protocol: {@code sql} with its {@code ?}, values bound by {@code binding}. */
    void passthroughPrepared(PassthroughDatabase db, String sql, PreparedBinding binding, StatementKind kind, int features,
                             ResultSink sink) throws MySqlException {
        onDataSource(db, db.defaultDataSource(), sql, kind, features, sink, false, binding);
    }

    /**
     * A statement the session sends as it is to data source {@code ds} of {@code db} (COMMIT of the
     * one data source a transaction touched, SHOW on the default data source): one unsharded route.
     */
    void onDataSource(LogicalDatabase db, String ds, String sql, StatementKind kind, int features, ResultSink sink,
                      boolean more) throws MySqlException {
        onDataSource(db, ds, sql, kind, features, sink, more, null);
    }

    private void onDataSource(LogicalDatabase db, String ds, String sql, StatementKind kind, int features, ResultSink sink,
                              boolean more, PreparedBinding binding) throws MySqlException {
        Plan plan;
        try {
            plan = db instanceof PassthroughDatabase p && p.dataSource().equals(ds)
                    ? p.planner().plan(sql, List.of())
                    : new PassthroughDatabase(db.name(), ds).planner().plan(sql, List.of());
        } catch (SQLException e) {
            throw BackendErrors.toMySql(e, ds);
        }
        ClientStatement statement = new ClientStatement(kind, features, true, binding);
        SessionShardExecutor shards = new SessionShardExecutor(connections, statement, telemetry, running, env.replicaGroups(),
                LocalInfile.of(sql, kind, sink, state.clientCharset));
        run(shards, db.planExecutor(shards), plan, statement, ds, sink, more);
    }

    /** The shard executor of one client statement of a sharded database (no LOCAL INFILE there). */
    SessionShardExecutor executor(ClientStatement statement) {
        return new SessionShardExecutor(connections, statement, telemetry, running, env.replicaGroups(), LocalInfile.NONE);
    }

    /**
     * Runs {@code plan} and answers on the sink; backend errors are reported in the name of
     * {@code errorSource} (the data source or logical database).
     */
    void run(SessionShardExecutor shards, PlanExecutor executor, Plan plan, ClientStatement statement, String errorSource,
             ResultSink sink, boolean more) throws MySqlException {
        try {
            deliver(executor.execute(plan), shards, statement, sink, more);
        } catch (SQLException e) {
            throw BackendErrors.toMySql(e, errorSource);
        } finally {
            running.clear();
        }
    }

    /**
     * Sends a plan's result to the sink. A multi-result statement sends each result set with
     * more=true (the CALL's own OK always follows), each OK as it comes, and the final OK when the
     * driver did not surface one.
     */
    void deliver(ShardResult first, SessionShardExecutor shards, ClientStatement statement, ResultSink sink, boolean more)
            throws SQLException {
        try {
            if (!statement.multiResult()) {
                deliverOne(first, shards, statement, sink, more);
                return;
            }
            boolean promisedMore = false;
            for (ShardResult r = first; r != null; r = shards.nextResult()) {
                boolean rows = r instanceof ShardResult.Rows;
                deliverOne(r, shards, statement, sink, rows || more);
                promisedMore = rows || more;
            }
            if (promisedMore && !more) sink.ok(UpdateResult.EMPTY, false);
        } catch (SQLException | RuntimeException | Error e) {
            shards.abandon(); // results not read to their end: their connections are dropped, not drained
            throw e;
        }
    }

    private void deliverOne(ShardResult result, SessionShardExecutor shards, ClientStatement statement, ResultSink sink,
                            boolean more) throws SQLException {
        switch (result) {
            case ShardResult.Rows rows -> {
                RowCursor cursor = new ShardWarningsCursor(rows.cursor(), shards::shardWarnings);
                if (statement.kind() == StatementKind.SHOW_VARIABLES) {
                    cursor = new SidecarVariablesCursor(cursor, sidecarValues.maxAllowedPacket(), env.serverVersion().reported());
                }
                sink.rows(cursor, more);
            }
            case ShardResult.Updated updated -> {
                UpdateResult u = updated.result();
                if (u.lastInsertId() != 0) state.lastInsertId = u.lastInsertId();
                sink.ok(u, more);
            }
        }
    }

    /**
     * KILL QUERY of this session: every backend statement of the running client statement is
     * cancelled, which Connector/J does with KILL QUERY of that backend connection's id on a
     * connection of its own, so the backends really stop (not only the sidecar's reading of them).
     */
    void cancelRunning() {
        for (Statement st : running.snapshot()) {
            try {
                st.cancel();
            } catch (SQLException | RuntimeException ignored) {
                // finished meanwhile, or the connection is gone: nothing runs there any more
            }
        }
    }
}
