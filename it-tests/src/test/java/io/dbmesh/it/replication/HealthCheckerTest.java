package io.dbmesh.it.replication;

import io.dbmesh.proxy.backend.replica.HealthChecker;
import io.dbmesh.proxy.backend.replica.Member;
import io.dbmesh.proxy.backend.replica.MemberState;
import io.dbmesh.proxy.backend.replica.MemberStateChange;
import io.dbmesh.proxy.backend.replica.ReplicaGroup;
import io.dbmesh.proxy.backend.replica.ReplicaStateListener;
import io.dbmesh.core.error.MySqlException;
import io.dbmesh.proxy.config.DataSourceConfig;
import io.dbmesh.proxy.config.HealthCheckConfig;
import io.dbmesh.proxy.config.LoadBalancing;
import io.dbmesh.proxy.config.ReplicaGroupConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.awaitility.Awaitility.await;

/** The health checker against real replication: members leave and rejoin as servers break and heal. */
class HealthCheckerTest {
    private static final Duration INTERVAL = Duration.ofMillis(200);
    private static ReplicationCluster cluster;

    private final List<MemberStateChange> changes = new CopyOnWriteArrayList<>();
    private ReplicaGroup group;
    private HealthChecker checker;

    @BeforeAll
    static void startCluster() {
        assumeTrue(ReplicationCluster.available(), "mariadbd not installed");
        cluster = ReplicationCluster.start(2);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) cluster.close();
    }

    @BeforeEach
    void startChecker() {
        group = new ReplicaGroup(groupConfig(cluster, Duration.ofSeconds(1)), new ReplicaStateListener() {
            @Override
            public void stateChanged(MemberStateChange change) {
                changes.add(change);
            }
        });
        checker = new HealthChecker(List.of(group));
        checker.start();
    }

    @AfterEach
    void stopChecker() {
        checker.close();
    }

    static ReplicaGroupConfig groupConfig(ReplicationCluster cluster, Duration maxLag) {
        return new ReplicaGroupConfig(ds("ds0", cluster.primary()),
                List.of(new ReplicaGroupConfig.Replica(ds("ds0.replica1", cluster.replica(0)), 1),
                        new ReplicaGroupConfig.Replica(ds("ds0.replica2", cluster.replica(1)), 1)),
                LoadBalancing.ROUND_ROBIN, maxLag, Duration.ofMillis(100),
                new HealthCheckConfig(INTERVAL, Duration.ofMillis(500), 1, 1));
    }

    private static DataSourceConfig ds(String name, MariaDbServer server) {
        return new DataSourceConfig(name, server.jdbcUrl(""), "root", "", DataSourceConfig.PoolConfig.DEFAULT);
    }

    @Test
    void everyMemberIsUpAfterStart() {
        assertThat(group.members()).extracting(Member::state).containsOnly(MemberState.UP);
        assertThat(group.replicas()).allSatisfy(r -> assertThat(r.status().lagSeconds()).isZero());
        assertThat(group.primary().status().lagSeconds()).isNull();
    }

    @Test
    void aStoppedSqlThreadTakesTheReplicaOutAndStartingItBringsItBack() {
        MariaDbServer server = cluster.replica(0);
        Member member = group.replicas().get(0);
        cluster.stopSqlThread(server);
        try {
            awaitState(member, MemberState.BROKEN);
            assertThat(member.status().lastError()).contains("Slave_SQL_Running=No");
        } finally {
            cluster.startSqlThread(server);
        }
        awaitState(member, MemberState.UP);
        assertThat(changes).extracting(c -> c.to().state()).containsSubsequence(MemberState.BROKEN, MemberState.UP);
    }

    @Test
    void aReplicaBehindTheLimitIsLaggingUntilItCatchesUp() {
        MariaDbServer server = cluster.replica(1);
        Member member = group.replicas().get(1);
        // MASTER_DELAY makes the replica apply each event 4 s late: a real, growing Seconds_Behind_Master.
        server.execute("STOP SLAVE", "CHANGE MASTER TO MASTER_DELAY = 4", "START SLAVE");
        try {
            cluster.primary().execute("CREATE DATABASE IF NOT EXISTS rw_health", "CREATE TABLE IF NOT EXISTS rw_health.t (id INT)",
                    "INSERT INTO rw_health.t VALUES (1)");
            awaitState(member, MemberState.LAGGING);
            assertThat(member.status().lagSeconds()).isGreaterThan(1L);
            assertThat(member.status().lastError()).contains("max_replication_lag 1s");
            assertThat(group.pickReplica(io.dbmesh.proxy.backend.replica.GtidPosition.EMPTY, List.of()))
                    .hasValueSatisfying(m -> assertThat(m).isSameAs(group.replicas().get(0)));
        } finally {
            server.execute("STOP SLAVE", "CHANGE MASTER TO MASTER_DELAY = 0", "START SLAVE");
        }
        awaitState(member, MemberState.UP);
    }

    @Test
    void aKilledReplicaIsDownAndComesBackWhenRestarted() {
        MariaDbServer server = cluster.replica(0);
        Member member = group.replicas().get(0);
        server.kill();
        try {
            awaitState(member, MemberState.DOWN);
            assertThat(member.status().lastError()).isNotBlank();
        } finally {
            server.start();
        }
        awaitState(member, MemberState.UP);
    }

    @Test
    void aHungPrimaryIsDownWithinTheTimeoutAndFailsFastUntilItAnswers() throws MySqlException {
        cluster.primary().freeze();
        long frozenAt = System.nanoTime();
        try {
            awaitState(group.primary(), MemberState.DOWN);
            assertThat(Duration.ofNanos(System.nanoTime() - frozenAt)).isLessThan(Duration.ofSeconds(3));
            long start = System.nanoTime();
            assertThatThrownBy(group::primaryOrFail).isInstanceOf(MySqlException.class).hasMessageContaining("is down");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(50));
        } finally {
            cluster.primary().thaw();
        }
        awaitState(group.primary(), MemberState.UP);
        assertThat(group.primaryOrFail()).isSameAs(group.primary());
    }

    private static void awaitState(Member member, MemberState state) {
        await(member + " becomes " + state).atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat(member.state()).as("status " + member.status()).isEqualTo(state));
    }
}
