package io.dbmesh.proxy.session;

import java.util.List;

/**
 * A COM_STMT_EXECUTE with its parameters bound: what the session runs for it. Passthrough reads
 * and writes run in the binary protocol on the backend (a server-side prepared statement per
 * backend connection), other passthrough statements become text (literals spliced in) and take the
 * same path as COM_QUERY; sharded ones keep their values, which the sharding engine routes on (and
 * the shard statements that keep the client's placeholders run in the binary protocol too).
 */
sealed interface PreparedExecution {

    PreparedStatementEntry entry();

    /** The statement as text, to run in the database it was prepared in. */
    record Text(PreparedStatementEntry entry, String sql) implements PreparedExecution {
    }

    /**
     * A passthrough statement run in the binary protocol: {@code sql} keeps its placeholders and is
     * prepared on the backend connection, {@code binding} binds the values (see {@link PreparedBinding}).
     */
    record Binary(PreparedStatementEntry entry, PreparedBinding binding) implements PreparedExecution {
    }

    /**
     * The prepared SQL and its parameter values, for the sharding engine to plan; {@code binding}
     * (null: text only) lets the shard statements that keep the client's placeholders run in the
     * binary protocol ({@link ShardBinding}).
     */
    record Sharded(PreparedStatementEntry entry, ShardedDatabase db, List<Object> values, ShardBinding binding)
            implements PreparedExecution {
    }
}
