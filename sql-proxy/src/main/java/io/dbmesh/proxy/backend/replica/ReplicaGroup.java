package io.dbmesh.proxy.backend.replica;

import io.dbmesh.core.error.MySqlException;
import io.dbmesh.proxy.config.ReplicaGroupConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A primary and its replicas at run time: who may serve what right now. Health comes from the
 * {@link HealthChecker} (and from the serving path, which reports connections that failed);
 * every state change is logged and passed to the listener.
 */
public final class ReplicaGroup {
    private static final Logger log = LoggerFactory.getLogger(ReplicaGroup.class);
    /** ER_CONNECT_TO_FOREIGN_DATA_SOURCE: the server (dbmesh) could not reach the server behind it. */
    static final int ER_BACKEND_UNAVAILABLE = 1429;

    private final ReplicaGroupConfig config;
    private final Member primary;
    private final List<Member> replicas;
    private final LoadBalancer balancer;
    private final HealthRules rules;
    private final ReplicaStateListener listener;

    public ReplicaGroup(ReplicaGroupConfig config, ReplicaStateListener listener) {
        Instant now = Instant.now();
        this.config = config;
        this.primary = new Member(config.name(), MemberRole.PRIMARY, config.primary(), 1, MemberStatus.unknown(now));
        List<Member> rs = new ArrayList<>();
        for (ReplicaGroupConfig.Replica r : config.replicas()) {
            rs.add(new Member(config.name(), MemberRole.REPLICA, r.dataSource(), r.weight(), MemberStatus.unknown(now)));
        }
        this.replicas = List.copyOf(rs);
        this.balancer = LoadBalancer.of(config.loadBalancing());
        this.rules = new HealthRules(config.healthCheck(), config.maxReplicationLag());
        this.listener = listener;
    }

    public String name() {
        return config.name();
    }

    public ReplicaGroupConfig config() {
        return config;
    }

    public Member primary() {
        return primary;
    }

    public List<Member> replicas() {
        return replicas;
    }

    /** Primary first, then replicas in config order. */
    public List<Member> members() {
        List<Member> all = new ArrayList<>(replicas.size() + 1);
        all.add(primary);
        all.addAll(replicas);
        return all;
    }

    /**
     * A replica for a read, or empty when none may serve it (then the primary does).
     *
     * @param required the session's last write (read-your-writes); replicas on which a wait for
     *                 it already timed out since their last probe are skipped
     * @param excluded replicas already tried for this statement
     */
    public Optional<Member> pickReplica(GtidPosition required, Collection<Member> excluded) {
        List<Member> candidates = new ArrayList<>(replicas.size());
        for (Member m : replicas) {
            if (m.state() == MemberState.UP && !excluded.contains(m) && !m.stalledFor(required)) candidates.add(m);
        }
        return candidates.isEmpty() ? Optional.empty() : Optional.of(balancer.choose(candidates));
    }

    /** The primary, unless it is known to be down: then a clear error at once instead of a connect timeout. */
    public Member primaryOrFail() throws MySqlException {
        MemberStatus status = primary.status();
        if (status.state() == MemberState.DOWN) throw primaryDown(status);
        return primary;
    }

    private MySqlException primaryDown(MemberStatus status) {
        return new MySqlException(ER_BACKEND_UNAVAILABLE, "HY000", "Unable to connect to foreign data source: primary '"
                + primary.name() + "' of replica group '" + name() + "' is down since "
                + DateTimeFormatter.ISO_INSTANT.format(status.since()) + " (" + status.lastError()
                + "); dbmesh uses it again as soon as it answers a health check");
    }

    /** The checker's probe of {@code member} came back. */
    void recordProbe(Member member, ProbeResult result, Instant now) {
        if (result instanceof ProbeResult.Answered answered) member.advanceApplied(answered.appliedPosition());
        // A fresh probe supersedes any read-your-writes timeout seen since the last one.
        member.clearStalled();
        member.lastProbe(result);
        boolean primaryDown = primary.state() == MemberState.DOWN;
        transition(member, current -> rules.next(member.role(), current, result, primaryDown, now));
    }

    /**
     * The primary just went down: judge the replicas again on their last probe at once, so those
     * that only lost their connection to it serve reads now, not one interval later.
     */
    private void primaryWentDown(Instant now) {
        for (Member replica : replicas) {
            ProbeResult last = replica.lastProbe();
            if (last instanceof ProbeResult.Answered) {
                transition(replica, current -> rules.next(MemberRole.REPLICA, current, last, true, now));
            }
        }
    }

    /**
     * The serving path could not use a connection to {@code member} (refused, reset, timed out):
     * take it out of service now; the checker readmits it when it answers again.
     */
    public void connectionFailed(Member member, String error) {
        Instant now = Instant.now();
        transition(member, current -> rules.connectionFailed(current, error, now));
    }

    private void transition(Member member, java.util.function.UnaryOperator<MemberStatus> next) {
        while (true) {
            MemberStatus before = member.status();
            MemberStatus after = next.apply(before);
            if (member.compareAndSetStatus(before, after)) {
                if (before.state() != after.state()) {
                    announce(new MemberStateChange(member, before, after));
                    if (member == primary && after.state() == MemberState.DOWN) primaryWentDown(Instant.now());
                }
                return;
            }
        }
    }

    private void announce(MemberStateChange change) {
        boolean bad = change.to().state() != MemberState.UP;
        if (bad && change.from().state() != MemberState.UNKNOWN) log.warn("{}", change);
        else log.info("{}", change);
        try {
            listener.stateChanged(change);
        } catch (RuntimeException e) {
            log.warn("replica state listener failed: {}", e.toString());
        }
    }

    ReplicaStateListener listener() {
        return listener;
    }

    @Override
    public String toString() {
        return "ReplicaGroup[" + name() + ": " + members() + "]";
    }
}
