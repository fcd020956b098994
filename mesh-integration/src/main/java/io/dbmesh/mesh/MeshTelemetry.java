package io.dbmesh.mesh;

import io.dbmesh.mesh.telemetry.RefusalReason;
import io.dbmesh.mesh.telemetry.SessionTelemetry;
import io.dbmesh.mesh.telemetry.Telemetry;
import io.dbmesh.mesh.telemetry.TelemetryConfig;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import io.dbmesh.mesh.digest.DigestTable;
import io.dbmesh.mesh.log.StatementLogs;
import io.dbmesh.mesh.metrics.MeshMetrics;
import io.dbmesh.mesh.trace.StatementTracer;

/**
 * The real {@link Telemetry}, built from the config by the sidecar's assembly ({@code Sidecar}):
 * Micrometer metrics ({@code telemetry.metrics}), OpenTelemetry traces ({@code tracing}), query
 * digests ({@code digests}), slow and audit logs. Each part is optional (null when off); a
 * session's {@link MeshSession} calls only the parts that are on.
 */
public final class MeshTelemetry implements Telemetry {
    private final TelemetryConfig config;
    private final MeshMetrics metrics;
    private final StatementTracer tracer;
    private final DigestTable digests;
    private final StatementLogs logs;

    public MeshTelemetry(TelemetryConfig config) {
        this(config, config.tracing().enabled() ? StatementTracer.otlp(config.tracing()) : null);
    }

    /** With a given tracer (tests: an in-memory exporter), or null for no traces. */
    public MeshTelemetry(TelemetryConfig config, StatementTracer tracer) {
        this.config = config;
        this.metrics = config.metrics() ? new MeshMetrics() : null;
        this.tracer = tracer;
        this.digests = config.digests().enabled() ? new DigestTable(config.digests().maxDigests()) : null;
        this.logs = config.slowLog().enabled() || config.auditLog().enabled()
                ? new StatementLogs(config.slowLog(), config.auditLog()) : null;
    }

    public TelemetryConfig config() {
        return config;
    }

    /** The metrics registry, or null when metrics are off. */
    public MeshMetrics metrics() {
        return metrics;
    }

    /** null when tracing is off */
    public StatementTracer tracer() {
        return tracer;
    }

    /** The digest table behind SHOW DBMESH DIGESTS, or null when digests are off. */
    @Override
    public DigestTable digests() {
        return digests;
    }

    StatementLogs logs() {
        return logs;
    }

    @Override
    public SessionTelemetry sessionOpened(String user, String clientAddress) {
        if (metrics != null) metrics.sessionOpened();
        return new MeshSession(this, user, clientAddress);
    }

    void sessionClosed() {
        if (metrics != null) metrics.sessionClosed();
    }

    @Override
    public void sessionRefused(RefusalReason reason, String user, String clientAddress) {
        if (metrics != null) metrics.refused(reason);
        if (logs != null) logs.refused(reason, user, clientAddress);
    }

    @Override
    public void login(String user, String clientAddress, boolean succeeded) {
        if (metrics != null) metrics.login(succeeded);
        if (logs != null) logs.login(user, clientAddress, succeeded);
    }

    @Override
    public void clientBytes(long received, long sent) {
        if (metrics != null) metrics.clientBytes(received, sent);
    }

    @Override
    public MetricsTrackerFactory poolMetrics() {
        return metrics == null ? null : metrics.poolMetrics();
    }

    @Override
    public void backendProbed(String dataSource, String member, boolean up, double lagSeconds, long nanos) {
        if (metrics != null) metrics.probed(dataSource, member, up, lagSeconds, nanos);
    }

    @Override
    public void backendRoundTrips(String dataSource, java.util.function.LongSupplier count) {
        if (metrics != null) metrics.roundTrips(dataSource, count);
    }

    @Override
    public void planCache(String database, boolean hit) {
        if (metrics != null) metrics.database(database).planCache(hit);
    }

    @Override
    public void transactionEnded(String mode, String outcome, long nanos) {
        if (metrics != null) metrics.transactionEnded(mode, outcome, nanos);
    }

    @Override
    public void transactionRecovered(boolean committed) {
        if (metrics != null) metrics.transactionRecovered(committed);
    }

    @Override
    public void transactionsInDoubt(int branches) {
        if (metrics != null) metrics.transactionsInDoubt(branches);
    }

    @Override
    public void close() {
        try {
            if (tracer != null) tracer.close();
        } finally {
            if (logs != null) logs.close();
            if (metrics != null) metrics.close();
        }
    }
}
