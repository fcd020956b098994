package io.dbmesh.proxy.session;

import io.dbmesh.sharding.ShardExecutor;
import io.dbmesh.sharding.engine.PlanExecutor;
import io.dbmesh.sharding.plan.StatementPlanner;

/**
 * A database name clients see: a {@link PassthroughDatabase} (one data source) or a
 * {@link ShardedDatabase}. Either plans its statements ({@link #planner}) and runs the plans the
 * same way, through {@link SessionStatements}.
 */
public interface LogicalDatabase {

    String name();

    /** The data source whose connection serves session-level statements (SET, SHOW VARIABLES, …). */
    String defaultDataSource();

    StatementPlanner planner();

    /** The executor of this database's plans over a session's {@code shards}. */
    PlanExecutor planExecutor(ShardExecutor shards);
}
