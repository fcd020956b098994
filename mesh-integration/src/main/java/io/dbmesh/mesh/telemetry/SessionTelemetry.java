package io.dbmesh.mesh.telemetry;

/**
 * Observes one client session's statements. Called by the session's command thread in this order
 * per client statement: {@link #statementStarted}, then any of {@link #route}, {@link #planned},
 * {@link #backendStatement} (also from the threads that run a route's shards concurrently),
 * {@link #rows}, and finally {@link #statementEnded}. Implementations reuse their per-statement
 * state (one statement runs at a time per session) so a statement allocates nothing here.
 */
public interface SessionTelemetry {

    SessionTelemetry NONE = new SessionTelemetry() {
    };

    /**
     * @param database the logical database serving it, or null
     * @param kind     the sidecar's statement classification (an enum constant: bounded labels)
     * @param sql      the client's text, for digests, traces and logs (never a label)
     */
    default void statementStarted(String database, Enum<?> kind, String sql) {
    }

    default void route(RouteKind route) {
    }

    /** Planning of a sharded statement took place between these {@link System#nanoTime()} instants. */
    default void planned(long startNanos, long endNanos) {
    }

    /**
     * One physical statement's round trip to a backend (send → first answer).
     *
     * @param dataSource the pool's name: a data source, or a replica's member name
     * @param errorCode  0 when it answered without error
     */
    default void backendStatement(String dataSource, String sql, long startNanos, long endNanos, int errorCode) {
    }

    /** Rows sent to the client or affected by the statement. */
    default void rows(long rows) {
    }

    /** @param errorCode 0 for success, else the MySQL error sent to the client */
    default void statementEnded(int errorCode, String sqlState) {
    }

    /**
     * A W3C {@code traceparent} for the physical SQL of the running statement (the sidecar's span),
     * or null when not traced or propagation is off.
     */
    default String backendTraceparent() {
        return null;
    }

    default void closed() {
    }
}
