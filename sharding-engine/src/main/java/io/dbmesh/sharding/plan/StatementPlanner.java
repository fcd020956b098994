package io.dbmesh.sharding.plan;

import java.sql.SQLException;
import java.util.List;

/**
 * What turns a logical database's statement into a {@link Plan}: the {@link ShardingPlanner} of a
 * sharded database, the {@link PassthroughPlanner} of a database served by one data source. Every
 * plan then runs the same way, through one plan executor over one ShardExecutor.
 */
public interface StatementPlanner {

    /** Plans and binds in one step (text protocol: no parameters; a prepared statement's execution: its values). */
    Plan plan(String sql, List<Object> parameters) throws SQLException;
}
