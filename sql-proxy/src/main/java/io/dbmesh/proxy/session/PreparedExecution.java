package io.dbmesh.proxy.session;

import java.util.List;

/**
 * A COM_STMT_EXECUTE with its parameters bound: what the session runs for it. Passthrough
 * statements become text (literals spliced in) and take the same path as COM_QUERY; sharded ones
 * keep their values, which the sharding engine routes on.
 */
sealed interface PreparedExecution {

    PreparedStatementEntry entry();

    /** The statement as text, to run in the database it was prepared in. */
    record Text(PreparedStatementEntry entry, String sql) implements PreparedExecution {
    }

    /** The prepared SQL and its parameter values, for the sharding engine to plan. */
    record Sharded(PreparedStatementEntry entry, ShardedDatabase db, List<Object> values) implements PreparedExecution {
    }
}
