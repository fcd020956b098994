package io.dbmesh.proxy.backend.replica;

import io.dbmesh.proxy.config.DataSourceConfig;
import io.dbmesh.proxy.config.HealthCheckConfig;
import io.dbmesh.proxy.config.LoadBalancing;
import io.dbmesh.proxy.config.ReplicaGroupConfig;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Replica groups for unit tests, their health set through real probe results (no server). */
final class Groups {
    static final ProbeResult HEALTHY_REPLICA = new ProbeResult.Answered(true,
            new ReplicationStatus(true, true, 0L, null), GtidPosition.EMPTY);
    static final ProbeResult HEALTHY_PRIMARY = new ProbeResult.Answered(false, null, GtidPosition.EMPTY);

    private Groups() {
    }

    static ReplicaGroup healthy(LoadBalancing policy, ReplicaStateListener listener, int... weights) {
        List<ReplicaGroupConfig.Replica> replicas = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            replicas.add(new ReplicaGroupConfig.Replica(ds("ds0.replica" + (i + 1)), weights[i]));
        }
        ReplicaGroupConfig config = new ReplicaGroupConfig(ds("ds0"), replicas, policy, Duration.ofSeconds(5),
                Duration.ofMillis(100), new HealthCheckConfig(Duration.ofSeconds(1), Duration.ofSeconds(1), 1, 1));
        ReplicaGroup group = new ReplicaGroup(config, listener);
        group.recordProbe(group.primary(), HEALTHY_PRIMARY, Instant.now());
        for (Member m : group.replicas()) group.recordProbe(m, HEALTHY_REPLICA, Instant.now());
        return group;
    }

    static DataSourceConfig ds(String name) {
        return new DataSourceConfig(name, "jdbc:mariadb://127.0.0.1:1/x", "root", "", DataSourceConfig.PoolConfig.DEFAULT);
    }
}
