package io.dbmesh.proxy.backend.replica;

import io.dbmesh.proxy.config.LoadBalancing;
import io.dbmesh.proxy.config.ReadConsistency;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReadRouterTest {
    private static final ReadEligibility READ = ReadEligibility.of("SELECT * FROM t");
    private final ReplicaGroup group = Groups.healthy(LoadBalancing.ROUND_ROBIN, ReplicaStateListener.NONE, 1, 1);

    private ReadConsistency consistency = ReadConsistency.SESSION;

    private Route route(ReadEligibility e, boolean inTx, SessionReadState s) {
        return ReadRouter.route(group, e, consistency, inTx, s, List.of());
    }

    private static String primaryReason(Route r) {
        assertThat(r).isInstanceOf(Route.Primary.class);
        return ((Route.Primary) r).reason();
    }

    @Test
    void plainReadsGoToReplicasInTurn() {
        SessionReadState s = new SessionReadState();
        Route a = route(READ, false, s);
        Route b = route(READ, false, s);
        assertThat(a).isInstanceOf(Route.Replica.class);
        assertThat(((Route.Replica) a).member()).isNotSameAs(((Route.Replica) b).member());
        assertThat(((Route.Replica) a).waitFor().isEmpty()).isTrue();
    }

    @Test
    void primaryCases() {
        SessionReadState s = new SessionReadState();
        assertThat(primaryReason(route(READ, true, s))).contains("transaction");
        assertThat(primaryReason(route(ReadEligibility.of("UPDATE t SET a = 1"), false, s))).contains("not a SELECT");
        assertThat(primaryReason(route(ReadEligibility.of("SELECT * FROM t FOR UPDATE"), false, s))).contains("FOR UPDATE");
        consistency = ReadConsistency.STRONG;
        assertThat(primaryReason(route(READ, false, s))).contains("strong");
        consistency = ReadConsistency.SESSION;
        s.forcePrimary(true);
        assertThat(primaryReason(route(READ, false, s))).contains("dbmesh_route");
    }

    @Test
    void sessionConsistencyWaitsForTheLastWriteUnlessTheReplicaIsKnownToHaveIt() {
        SessionReadState s = new SessionReadState();
        s.wrote("ds0", GtidPosition.parse("0-1-7"));
        Route r = route(READ, false, s);
        assertThat(((Route.Replica) r).waitFor()).hasToString("0-1-7");
        for (Member m : group.replicas()) m.advanceApplied(GtidPosition.parse("0-1-7"));
        assertThat(((Route.Replica) route(READ, false, s)).waitFor().isEmpty()).isTrue();
    }

    @Test
    void eventualConsistencyNeverWaits() {
        consistency = ReadConsistency.EVENTUAL;
        SessionReadState s = new SessionReadState();
        s.wrote("ds0", GtidPosition.parse("0-1-7"));
        assertThat(((Route.Replica) route(READ, false, s)).waitFor().isEmpty()).isTrue();
        s.wroteWithoutGtid("ds0", 60_000_000_000L);
        assertThat(route(READ, false, s)).isInstanceOf(Route.Replica.class);
    }

    @Test
    void aWriteWithoutGtidKeepsReadsOnThePrimaryForTheWindow() {
        long[] now = {1_000L};
        SessionReadState s = new SessionReadState(() -> now[0]);
        s.wroteWithoutGtid("ds0", 50_000_000L);
        assertThat(primaryReason(route(READ, false, s))).contains("window");
        now[0] += 49_999_999L;
        assertThat(primaryReason(route(READ, false, s))).contains("window");
        now[0] += 1L;
        assertThat(route(READ, false, s)).isInstanceOf(Route.Replica.class);
    }

    @Test
    void noHealthyReplicaMeansPrimary() {
        SessionReadState s = new SessionReadState();
        for (Member m : group.replicas()) group.connectionFailed(m, "gone");
        assertThat(primaryReason(route(READ, false, s))).contains("no healthy replica");
        group.recordProbe(group.replicas().get(1), Groups.HEALTHY_REPLICA, Instant.now());
        assertThat(((Route.Replica) route(READ, false, s)).member()).isSameAs(group.replicas().get(1));
        assertThat(primaryReason(ReadRouter.route(group, READ, consistency, false, s, List.of(group.replicas().get(1)))))
                .contains("no healthy replica");
    }
}
