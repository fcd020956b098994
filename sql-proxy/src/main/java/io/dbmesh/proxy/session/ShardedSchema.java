package io.dbmesh.proxy.session;

import io.dbmesh.proxy.backend.PoolSelector;
import io.dbmesh.proxy.backend.RowCountMode;
import io.dbmesh.sharding.ShardResult;
import io.dbmesh.sharding.engine.PlanExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;

/**
 * Applies the {@code schema:} statements of sharded logical databases at start: each runs through
 * the planner like a client's DDL (a CREATE TABLE of a sharded table creates every physical table,
 * of a broadcast table a copy on every data source), so a fresh set of shards is usable at once.
 * The statements should be idempotent (CREATE TABLE IF NOT EXISTS): they run at every start.
 */
public final class ShardedSchema {
    private static final Logger log = LoggerFactory.getLogger(ShardedSchema.class);

    private ShardedSchema() {
    }

    /** @throws SQLException naming the database and statement that failed */
    public static void apply(LogicalDatabases databases, PoolSelector pools) throws SQLException {
        for (String name : databases.names()) {
            if (!(databases.find(name) instanceof ShardedDatabase db) || db.rules().schema().isEmpty()) continue;
            SessionConnections connections = new SessionConnections(pools, RowCountMode.CHANGED, new SessionState(), () -> { });
            try {
                PlanExecutor executor = db.planExecutor(new SessionShardExecutor(connections,
                        new ClientStatement(io.dbmesh.proxy.sql.StatementKind.DDL, 0, false),
                        io.dbmesh.mesh.telemetry.SessionTelemetry.NONE, new RunningStatements(), java.util.Set.of(), LocalInfile.NONE));
                for (String ddl : db.rules().schema()) {
                    try {
                        if (executor.execute(db.planner().plan(ddl, java.util.List.of())) instanceof ShardResult.Rows rows) rows.cursor().close();
                    } catch (SQLException e) {
                        throw new SQLException("schema of sharded database " + name + ": " + e.getMessage() + " (in: " + ddl + ")",
                                e.getSQLState(), e.getErrorCode(), e);
                    }
                }
                log.info("applied {} schema statements of sharded database {}", db.rules().schema().size(), name);
            } finally {
                connections.releaseAll();
            }
        }
    }
}
