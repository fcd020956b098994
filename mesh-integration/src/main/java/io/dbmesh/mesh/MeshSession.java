package io.dbmesh.mesh;

import io.dbmesh.mesh.telemetry.Outcome;
import io.dbmesh.mesh.telemetry.RouteKind;
import io.dbmesh.mesh.telemetry.SessionTelemetry;
import io.dbmesh.mesh.digest.DigestStats;
import io.dbmesh.mesh.digest.DigestTable;
import io.dbmesh.mesh.digest.SqlDigest;
import io.dbmesh.mesh.log.StatementLogs;
import io.dbmesh.mesh.metrics.BackendMeters;
import io.dbmesh.mesh.metrics.DatabaseMeters;
import io.dbmesh.mesh.metrics.MeshMetrics;
import io.dbmesh.mesh.trace.StatementSpan;
import io.dbmesh.mesh.trace.StatementTracer;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One session's statements, fed to the parts of {@link MeshTelemetry} that are on. The fields of
 * the running statement are reused from one statement to the next (a session runs one at a time);
 * only {@link #backendStatement} may come from other threads (a route's shards run concurrently),
 * and it touches thread-safe meters, the span and an atomic counter only.
 *
 * <p>Digests: the digest of recent statement strings is remembered by identity (a direct-mapped
 * cache of 64), so a prepared statement executed again (the same string each time) is not
 * normalised again.
 */
final class MeshSession implements SessionTelemetry {
    /** Direct-mapped by identity hash: a power of two. */
    private static final int DIGEST_CACHE = 64;

    private final MeshTelemetry telemetry;
    private final MeshMetrics metrics;
    private final StatementTracer tracer;
    private final DigestTable digests;
    private final StatementLogs logs;
    private final String user;
    private final String clientAddress;

    private DatabaseMeters databaseMeters;
    private String database;
    private Enum<?> kind;
    private String sql;
    private RouteKind route;
    private long startNanos;
    private long rows;
    private final AtomicInteger physical = new AtomicInteger();
    private volatile StatementSpan span;
    private boolean closed;

    private final String[] cachedSql = new String[DIGEST_CACHE];
    private final String[] cachedDatabase = new String[DIGEST_CACHE];
    private final DigestStats[] cachedStats = new DigestStats[DIGEST_CACHE];
    private int cacheGeneration;

    MeshSession(MeshTelemetry telemetry, String user, String clientAddress) {
        this.telemetry = telemetry;
        this.metrics = telemetry.metrics();
        this.tracer = telemetry.tracer();
        this.digests = telemetry.digests();
        this.logs = telemetry.logs();
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
        physical.set(0);
        span = tracer == null ? null : tracer.start(sql, database, kind.name(), user, startNanos);
    }

    @Override
    public void route(RouteKind route) {
        this.route = route;
    }

    @Override
    public void planned(long startNanos, long endNanos) {
        StatementSpan s = span;
        if (s != null) s.planned(startNanos, endNanos);
    }

    @Override
    public void backendStatement(String dataSource, String sql, long startNanos, long endNanos, int errorCode) {
        physical.incrementAndGet();
        if (metrics != null) {
            BackendMeters m = metrics.backend(dataSource);
            m.statement(endNanos - startNanos, errorCode != 0);
        }
        StatementSpan s = span;
        if (s != null) s.backend(dataSource, sql, startNanos, endNanos, errorCode);
    }

    @Override
    public void rows(long rows) {
        this.rows += rows;
    }

    @Override
    public String backendTraceparent() {
        StatementSpan s = span;
        return s == null ? null : s.traceparent();
    }

    @Override
    public void statementEnded(int errorCode, String sqlState) {
        if (kind == null) return; // ended without a start: nothing to record
        long end = System.nanoTime();
        long nanos = end - startNanos;
        if (databaseMeters != null) databaseMeters.statement(kind, route, Outcome.of(errorCode, sqlState), nanos);
        StatementSpan s = span;
        boolean logged = logs != null && logs.wants(kind.name(), nanos, errorCode);
        String digest = null;
        if (digests != null) {
            DigestStats stats = digestStats();
            stats.record(nanos, rows, errorCode != 0, end);
            digest = stats.digest();
        }
        if (digest == null && (s != null || logged)) digest = SqlDigest.of(sql);
        if (s != null) {
            s.end(end, digest, route.label(), rows, errorCode, sqlState);
            span = null;
        }
        if (logged) {
            logs.statement(new StatementLogs.Statement(database, user, clientAddress, kind.name(), route.label(), sql, digest,
                    nanos, physical.get(), rows, errorCode, sqlState, s == null ? null : s.traceId()));
        }
        kind = null;
        sql = null;
    }

    /** The digest stats of the current statement, normalising its text only when not seen lately. */
    private DigestStats digestStats() {
        int generation = digests.generation();
        if (generation != cacheGeneration) {
            java.util.Arrays.fill(cachedSql, null);
            java.util.Arrays.fill(cachedStats, null);
            cacheGeneration = generation;
        }
        int slot = System.identityHashCode(sql) & (DIGEST_CACHE - 1);
        if (cachedSql[slot] == sql && cachedDatabase[slot] == database && cachedStats[slot] != null) return cachedStats[slot];
        DigestStats stats = digests.stats(database, user, SqlDigest.of(sql));
        cachedSql[slot] = sql;
        cachedDatabase[slot] = database;
        cachedStats[slot] = stats;
        return stats;
    }

    @Override
    public void closed() {
        if (closed) return;
        closed = true;
        telemetry.sessionClosed();
    }
}
