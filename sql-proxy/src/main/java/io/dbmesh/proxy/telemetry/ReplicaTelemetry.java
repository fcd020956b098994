package io.dbmesh.proxy.telemetry;

import io.dbmesh.mesh.telemetry.Telemetry;
import io.dbmesh.proxy.backend.replica.Member;
import io.dbmesh.proxy.backend.replica.ProbeResult;
import io.dbmesh.proxy.backend.replica.ReplicaStateListener;

/**
 * Replica-group health into telemetry: every probe of every member becomes the
 * {@code dbmesh_backend_up} / {@code dbmesh_backend_replication_lag_seconds} gauges of that member.
 */
public final class ReplicaTelemetry implements ReplicaStateListener {
    private final Telemetry telemetry;

    public ReplicaTelemetry(Telemetry telemetry) {
        this.telemetry = telemetry;
    }

    @Override
    public void probed(Member member, ProbeResult result, long nanos) {
        boolean up = result instanceof ProbeResult.Answered;
        double lag = result instanceof ProbeResult.Answered a && a.replication() != null
                && a.replication().secondsBehind() != null ? a.replication().secondsBehind() : -1;
        telemetry.backendProbed(member.group(), member.name(), up, lag, nanos);
    }
}
