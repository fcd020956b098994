package io.dbmesh.mesh.telemetry;

import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import io.dbmesh.mesh.metrics.MeshMetrics;

/**
 * The real {@link Telemetry}: Micrometer metrics (when {@code telemetry.metrics}), built from the
 * config by the sidecar's assembly ({@code Sidecar}). Each part is optional; a session's
 * {@link MeshSession} calls only the parts that are on.
 */
public final class MeshTelemetry implements Telemetry {
    private final TelemetryConfig config;
    /** null when metrics are off */
    private final MeshMetrics metrics;

    public MeshTelemetry(TelemetryConfig config) {
        this.config = config;
        this.metrics = config.metrics() ? new MeshMetrics() : null;
    }

    public TelemetryConfig config() {
        return config;
    }

    /** The metrics registry, or null when metrics are off. */
    public MeshMetrics metrics() {
        return metrics;
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
    }

    @Override
    public void login(String user, String clientAddress, boolean succeeded) {
        if (metrics != null) metrics.login(succeeded);
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
    public void planCache(String database, boolean hit) {
        if (metrics != null) metrics.database(database).planCache(hit);
    }

    @Override
    public void transactionEnded(String mode, String outcome, long nanos) {
        if (metrics != null) metrics.transactionEnded(mode, outcome, nanos);
    }

    @Override
    public void close() {
        if (metrics != null) metrics.close();
    }
}
