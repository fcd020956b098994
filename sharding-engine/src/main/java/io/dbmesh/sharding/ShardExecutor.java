package io.dbmesh.sharding;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The sharding engine's only door to the outside: runs physical statements on data sources.
 * {@code sql-proxy} implements it over its backend layer, one instance per client session, so the
 * engine itself never sees pools, connections or Netty. Tests fake it with a map of canned cursors
 * or run it against real MariaDB.
 *
 * <h2>Connection binding (explicit on purpose)</h2>
 * <ul>
 *   <li>Outside a transaction each statement may run on any pooled connection of its data source,
 *       with the session's state (schema, sql_mode, time_zone, charset, …) replayed; the connection
 *       goes back to the pool when the returned cursor is closed.</li>
 *   <li>Inside a transaction the first statement sent to a data source binds one connection of that
 *       data source to the session until COMMIT or ROLLBACK, so every later statement of the
 *       transaction on that data source sees its writes. {@link #boundDataSources()} lists them in
 *       binding order. A transaction touching one data source is an ordinary local transaction.</li>
 *   <li>COMMIT of a transaction that wrote to several data sources commits them all at once in
 *       the sidecar's {@code local} transaction mode: <b>not atomic</b> (if one commit fails, the
 *       others stay committed). Its {@code xa} mode plugs XA two-phase commit in
 *       behind this same binding (module {@code txn-coordinator}); the engine does not see the
 *       difference.</li>
 *   <li>Several statements to one bound connection may be open at once (a scatter over two tables of
 *       the same data source); the implementation then buffers the earlier result, since a MySQL
 *       connection streams only one result at a time.</li>
 * </ul>
 *
 * <p>Errors from the backend are thrown as SQLExceptions carrying the backend's code, SQLSTATE and
 * message, which the session passes to the client unchanged.
 */
public interface ShardExecutor {

    /** Runs one statement; rows for statements that return a result set, else the update count. */
    ShardResult execute(PhysicalStatement statement) throws SQLException;

    /**
     * Runs several statements (the shards of one route). The default runs them in order;
     * implementations may start them concurrently. On an error, results already obtained are closed.
     */
    default List<ShardResult> executeAll(List<PhysicalStatement> statements) throws SQLException {
        List<ShardResult> results = new ArrayList<>(statements.size());
        try {
            for (PhysicalStatement s : statements) results.add(execute(s));
            return results;
        } catch (SQLException | RuntimeException e) {
            for (ShardResult r : results) if (r instanceof ShardResult.Rows rows) rows.cursor().close();
            throw e;
        }
    }

    /**
     * Whether the session's sql_mode holds NO_BACKSLASH_ESCAPES: a backslash in a string literal is
     * then an ordinary character (what the federation must read the statement's literals as).
     */
    default boolean noBackslashEscapes() {
        return false;
    }

    /** Data sources whose connection is bound to the session by the current transaction, in binding order. */
    default List<String> boundDataSources() {
        return List.of();
    }
}
