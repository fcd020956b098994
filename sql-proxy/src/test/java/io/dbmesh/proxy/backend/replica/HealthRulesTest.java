package io.dbmesh.proxy.backend.replica;

import io.dbmesh.proxy.config.HealthCheckConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class HealthRulesTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final HealthRules rules = new HealthRules(
            new HealthCheckConfig(Duration.ofSeconds(1), Duration.ofSeconds(1), 2, 2), Duration.ofSeconds(5));

    private static ProbeResult replicating(Long lag) {
        return new ProbeResult.Answered(true, new ReplicationStatus(true, true, lag, null), GtidPosition.EMPTY);
    }

    private static final ProbeResult UNREACHABLE = new ProbeResult.Unreachable("Connection refused");

    private MemberStatus replicaAfter(ProbeResult... probes) {
        MemberStatus s = MemberStatus.unknown(T0);
        for (ProbeResult p : probes) s = rules.next(MemberRole.REPLICA, s, p, T0);
        return s;
    }

    @Test
    void aHealthyReplicaIsUpAfterItsFirstProbe() {
        MemberStatus s = replicaAfter(replicating(0L));
        assertThat(s.state()).isEqualTo(MemberState.UP);
        assertThat(s.lagSeconds()).isZero();
    }

    @Test
    void aNeverSeenMemberThatDoesNotAnswerIsDownAtOnce() {
        assertThat(replicaAfter(UNREACHABLE).state()).isEqualTo(MemberState.DOWN);
    }

    @Test
    void anUpMemberNeedsFailureThresholdFailuresToGoDown() {
        MemberStatus once = replicaAfter(replicating(0L), UNREACHABLE);
        assertThat(once.state()).isEqualTo(MemberState.UP);
        assertThat(once.lastError()).isEqualTo("Connection refused");
        assertThat(replicaAfter(replicating(0L), UNREACHABLE, UNREACHABLE).state()).isEqualTo(MemberState.DOWN);
        assertThat(replicaAfter(replicating(0L), UNREACHABLE, replicating(0L), UNREACHABLE).state())
                .as("failures must be consecutive").isEqualTo(MemberState.UP);
    }

    @Test
    void comingBackNeedsRecoveryThresholdGoodProbes() {
        MemberStatus down = replicaAfter(UNREACHABLE);
        MemberStatus one = rules.next(MemberRole.REPLICA, down, replicating(0L), T0.plusSeconds(1));
        assertThat(one.state()).isEqualTo(MemberState.DOWN);
        MemberStatus two = rules.next(MemberRole.REPLICA, one, replicating(0L), T0.plusSeconds(2));
        assertThat(two.state()).isEqualTo(MemberState.UP);
        assertThat(two.since()).isEqualTo(T0.plusSeconds(2));
        assertThat(two.lastError()).isNull();
    }

    @Test
    void stoppedReplicationIsBrokenAtOnce() {
        MemberStatus s = replicaAfter(replicating(0L), new ProbeResult.Answered(true,
                new ReplicationStatus(true, false, null, "Error 'Duplicate entry' on query"), GtidPosition.EMPTY));
        assertThat(s.state()).isEqualTo(MemberState.BROKEN);
        assertThat(s.lastError()).contains("Slave_SQL_Running=No").contains("Duplicate entry");
    }

    @Test
    void aServerThatIsNotReplicatingIsABrokenReplica() {
        MemberStatus s = replicaAfter(new ProbeResult.Answered(false, null, GtidPosition.EMPTY));
        assertThat(s.state()).isEqualTo(MemberState.BROKEN);
        assertThat(s.lastError()).contains("not replicating");
    }

    @Test
    void lagBeyondTheLimitExcludesAndCatchingUpReadmits() {
        MemberStatus lagging = replicaAfter(replicating(0L), replicating(6L));
        assertThat(lagging.state()).isEqualTo(MemberState.LAGGING);
        assertThat(lagging.lagSeconds()).isEqualTo(6L);
        assertThat(lagging.lastError()).contains("6s").contains("5s");
        assertThat(replicaAfter(replicating(0L), replicating(5L)).state()).as("at the limit").isEqualTo(MemberState.UP);
        MemberStatus back = rules.next(MemberRole.REPLICA,
                rules.next(MemberRole.REPLICA, lagging, replicating(1L), T0), replicating(0L), T0);
        assertThat(back.state()).isEqualTo(MemberState.UP);
    }

    @Test
    void aReplicaReconnectingToADeadPrimaryKeepsServingWhatItHas() {
        ProbeResult reconnecting = new ProbeResult.Answered(true,
                new ReplicationStatus(false, true, true, null, "error reconnecting to master"), GtidPosition.EMPTY);
        MemberStatus up = replicaAfter(replicating(0L));
        assertThat(rules.next(MemberRole.REPLICA, up, reconnecting, true, T0).state()).isEqualTo(MemberState.UP);
        MemberStatus cutOff = rules.next(MemberRole.REPLICA, up, reconnecting, false, T0);
        assertThat(cutOff.state()).as("primary up: the replica is cut off").isEqualTo(MemberState.BROKEN);
        assertThat(cutOff.lastError()).contains("Slave_IO_Running=Connecting");
    }

    @Test
    void aRefusedProbeIsBroken() {
        assertThat(replicaAfter(new ProbeResult.Refused("Access denied")).state()).isEqualTo(MemberState.BROKEN);
    }

    @Test
    void aPrimaryIsJudgedByReachabilityAndReadOnly() {
        MemberStatus up = rules.next(MemberRole.PRIMARY, MemberStatus.unknown(T0),
                new ProbeResult.Answered(false, null, GtidPosition.EMPTY), T0);
        assertThat(up.state()).isEqualTo(MemberState.UP);
        assertThat(up.lagSeconds()).isNull();
        MemberStatus readOnly = rules.next(MemberRole.PRIMARY, up, new ProbeResult.Answered(true, null, GtidPosition.EMPTY), T0);
        assertThat(readOnly.state()).isEqualTo(MemberState.BROKEN);
        assertThat(readOnly.lastError()).contains("read_only");
    }

    @Test
    void aFailedServingConnectionTakesTheMemberDownImmediately() {
        MemberStatus down = rules.connectionFailed(replicaAfter(replicating(0L)), "Connection reset", T0);
        assertThat(down.state()).isEqualTo(MemberState.DOWN);
        assertThat(down.lastError()).isEqualTo("Connection reset");
    }
}
