package io.dbmesh.proxy.backend.replica;

import io.dbmesh.core.error.MySqlException;
import io.dbmesh.proxy.config.DataSourceConfig;
import io.dbmesh.proxy.config.HealthCheckConfig;
import io.dbmesh.proxy.config.LoadBalancing;
import io.dbmesh.proxy.config.ReplicaGroupConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplicaGroupTest {
    private static final ProbeResult HEALTHY_REPLICA = new ProbeResult.Answered(true,
            new ReplicationStatus(true, true, 0L, null), GtidPosition.EMPTY);
    private static final ProbeResult HEALTHY_PRIMARY = new ProbeResult.Answered(false, null, GtidPosition.EMPTY);

    private final List<MemberStateChange> changes = new ArrayList<>();

    private ReplicaGroup group(LoadBalancing policy, int... weights) {
        List<ReplicaGroupConfig.Replica> replicas = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            replicas.add(new ReplicaGroupConfig.Replica(ds("ds0.replica" + (i + 1)), weights[i]));
        }
        ReplicaGroupConfig config = new ReplicaGroupConfig(ds("ds0"), replicas, policy, Duration.ofSeconds(5),
                Duration.ofMillis(100), new HealthCheckConfig(Duration.ofSeconds(1), Duration.ofSeconds(1), 1, 1));
        ReplicaGroup group = new ReplicaGroup(config, new ReplicaStateListener() {
            @Override
            public void stateChanged(MemberStateChange change) {
                changes.add(change);
            }
        });
        group.recordProbe(group.primary(), HEALTHY_PRIMARY, Instant.now());
        for (Member m : group.replicas()) group.recordProbe(m, HEALTHY_REPLICA, Instant.now());
        return group;
    }

    private static DataSourceConfig ds(String name) {
        return new DataSourceConfig(name, "jdbc:mariadb://127.0.0.1:1/x", "root", "", DataSourceConfig.PoolConfig.DEFAULT);
    }

    private static Map<String, Integer> spread(ReplicaGroup group, int reads) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < reads; i++) {
            counts.merge(group.pickReplica(GtidPosition.EMPTY, Set.of()).orElseThrow().name(), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void roundRobinAlternates() {
        assertThat(spread(group(LoadBalancing.ROUND_ROBIN, 1, 1), 10))
                .containsEntry("ds0.replica1", 5).containsEntry("ds0.replica2", 5);
    }

    @Test
    void weightedFollowsWeights() {
        Map<String, Integer> counts = spread(group(LoadBalancing.WEIGHTED, 1, 3, 0), 4000);
        assertThat(counts.get("ds0.replica2")).isBetween(2700, 3300);
        assertThat(counts).doesNotContainKey("ds0.replica3");
    }

    @Test
    void randomUsesEveryReplica() {
        assertThat(spread(group(LoadBalancing.RANDOM, 1, 1, 1), 300)).hasSize(3);
    }

    @Test
    void leastConnectionsAvoidsBusyReplicas() {
        ReplicaGroup group = group(LoadBalancing.LEAST_CONNECTIONS, 1, 1);
        group.replicas().get(0).acquire();
        assertThat(spread(group, 10)).containsOnlyKeys("ds0.replica2");
        group.replicas().get(0).release();
        assertThat(spread(group, 10)).hasSize(2);
    }

    @Test
    void onlyUpReplicasServeAndNoneMeansPrimary() {
        ReplicaGroup group = group(LoadBalancing.ROUND_ROBIN, 1, 1);
        Member r1 = group.replicas().get(0);
        group.connectionFailed(r1, "Connection refused");
        assertThat(spread(group, 10)).containsOnlyKeys("ds0.replica2");
        assertThat(changes).last().hasToString(
                "replica group 'ds0': replica 'ds0.replica1' up -> down: Connection refused");
        group.recordProbe(group.replicas().get(1), new ProbeResult.Answered(true,
                new ReplicationStatus(true, true, 60L, null), GtidPosition.EMPTY), Instant.now());
        assertThat(group.pickReplica(GtidPosition.EMPTY, Set.of())).isEmpty();
        group.recordProbe(r1, HEALTHY_REPLICA, Instant.now());
        assertThat(spread(group, 10)).containsOnlyKeys("ds0.replica1");
    }

    @Test
    void excludedReplicasAreSkipped() {
        ReplicaGroup group = group(LoadBalancing.ROUND_ROBIN, 1, 1);
        Member r1 = group.replicas().get(0);
        for (int i = 0; i < 5; i++) {
            assertThat(group.pickReplica(GtidPosition.EMPTY, Set.of(r1)).orElseThrow().name()).isEqualTo("ds0.replica2");
        }
    }

    @Test
    void aReplicaThatTimedOutOnAPositionIsSkippedForItUntilItsNextProbe() {
        ReplicaGroup group = group(LoadBalancing.ROUND_ROBIN, 1, 1);
        Member r1 = group.replicas().get(0);
        r1.markStalled(GtidPosition.parse("0-1-10"));
        for (int i = 0; i < 5; i++) {
            assertThat(group.pickReplica(GtidPosition.parse("0-1-11"), Set.of()).orElseThrow().name())
                    .isEqualTo("ds0.replica2");
        }
        assertThat(spread(group, 4)).as("older positions may still use it").hasSize(2);
        group.recordProbe(r1, HEALTHY_REPLICA, Instant.now());
        assertThat(r1.stalledFor(GtidPosition.parse("0-1-11"))).isFalse();
    }

    @Test
    void aDownPrimaryFailsFastWithAClearError() throws MySqlException {
        ReplicaGroup group = group(LoadBalancing.ROUND_ROBIN, 1);
        assertThat(group.primaryOrFail()).isSameAs(group.primary());
        group.connectionFailed(group.primary(), "Connection refused");
        assertThatThrownBy(group::primaryOrFail).isInstanceOfSatisfying(MySqlException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(1429);
            assertThat(e.sqlState()).isEqualTo("HY000");
            assertThat(e.getMessage()).contains("primary 'ds0'").contains("is down").contains("Connection refused");
        });
        group.recordProbe(group.primary(), HEALTHY_PRIMARY, Instant.now());
        assertThat(group.primaryOrFail()).isSameAs(group.primary());
    }
}
