package io.dbmesh.mesh.telemetry;

import io.dbmesh.mesh.metrics.BackendMeters;
import io.dbmesh.mesh.metrics.DatabaseMeters;
import io.dbmesh.mesh.metrics.MeshMetrics;

/**
 * One session's statements, fed to the parts of {@link MeshTelemetry} that are on. The fields of
 * the running statement are reused from one statement to the next (a session runs one at a time);
 * only {@link #backendStatement} may come from other threads (a route's shards run concurrently),
 * and it touches thread-safe meters only.
 */
final class MeshSession implements SessionTelemetry {
    private final MeshTelemetry telemetry;
    private final MeshMetrics metrics;
    private final String user;
    private final String clientAddress;

    private DatabaseMeters databaseMeters;
    private String database;
    private Enum<?> kind;
    private String sql;
    private RouteKind route;
    private long startNanos;
    private long rows;
    private boolean closed;

    MeshSession(MeshTelemetry telemetry, String user, String clientAddress) {
        this.telemetry = telemetry;
        this.metrics = telemetry.metrics();
        this.user = user;
        this.clientAddress = clientAddress;
    }

    @Override
    public void statementStarted(String database, Enum<?> kind, String sql) {
        this.startNanos = System.nanoTime();
        if (metrics != null && (databaseMeters == null || database != this.database)) {
            databaseMeters = metrics.database(database); // resolved again only when the session changes database
        }
        this.database = database;
        this.kind = kind;
        this.sql = sql;
        this.route = RouteKind.LOCAL;
        this.rows = 0;
    }

    @Override
    public void route(RouteKind route) {
        this.route = route;
    }

    @Override
    public void backendStatement(String dataSource, String sql, long startNanos, long endNanos, int errorCode) {
        if (metrics != null) {
            BackendMeters m = metrics.backend(dataSource);
            m.statement(endNanos - startNanos, errorCode != 0);
        }
    }

    @Override
    public void rows(long rows) {
        this.rows += rows;
    }

    @Override
    public void statementEnded(int errorCode, String sqlState) {
        if (kind == null) return; // ended without a start: nothing to record
        long nanos = System.nanoTime() - startNanos;
        Outcome outcome = Outcome.of(errorCode, sqlState);
        if (databaseMeters != null) databaseMeters.statement(kind, route, outcome, nanos);
        kind = null;
        sql = null;
    }

    @Override
    public void closed() {
        if (closed) return;
        closed = true;
        telemetry.sessionClosed();
    }
}
