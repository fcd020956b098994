package io.dbmesh.proxy.backend.replica;

import io.dbmesh.proxy.config.HealthCheckConfig;

import java.time.Duration;
import java.time.Instant;

/**
 * Turns a probe result into the member's next status. Pure, so every rule is pinned by a unit test.
 *
 * <p>Unreachability needs {@code failure_threshold} failed probes in a row (one lost packet must
 * not empty the read pool), except for a member never seen healthy, which is DOWN at once.
 * Replication problems count at once: a replica whose SQL thread stopped or that fell behind
 * the limit would serve stale rows, and that is worse than moving its reads elsewhere.
 * Coming back needs {@code recovery_threshold} good probes in a row.
 *
 * <p>One exception keeps reads alive when the primary dies: a replica whose IO thread is only
 * reconnecting ({@code Connecting}) while its SQL thread runs has applied everything the primary
 * sent before it went away. While the primary is down too, nothing newer can exist, so it serves
 * (lag unknown); while the primary is up, such a replica is cut off and falls behind: broken.
 */
public final class HealthRules {
    private final HealthCheckConfig config;
    private final Duration maxReplicationLag;

    public HealthRules(HealthCheckConfig config, Duration maxReplicationLag) {
        this.config = config;
        this.maxReplicationLag = maxReplicationLag;
    }

    public MemberStatus next(MemberRole role, MemberStatus current, ProbeResult probe, Instant now) {
        return next(role, current, probe, false, now);
    }

    /** @param primaryDown the group's primary is down as far as dbmesh can tell */
    public MemberStatus next(MemberRole role, MemberStatus current, ProbeResult probe, boolean primaryDown, Instant now) {
        return switch (probe) {
            case ProbeResult.Unreachable u -> unreachable(current, u, now);
            case ProbeResult.Refused r -> refused(current, r, now);
            case ProbeResult.Answered a -> answered(role, current, a, primaryDown, now);
        };
    }

    /**
     * The serving path saw a connection to this member fail: take it out of service now instead
     * of waiting for the next probe (the checker brings it back as soon as it answers).
     */
    public MemberStatus connectionFailed(MemberStatus current, String error, Instant now) {
        if (current.state() == MemberState.DOWN) return current;
        return new MemberStatus(MemberState.DOWN, null, error, now, config.failureThreshold(), 0);
    }

    private MemberStatus unreachable(MemberStatus current, ProbeResult.Unreachable u, Instant now) {
        int failures = current.consecutiveFailures() + 1;
        boolean down = failures >= config.failureThreshold()
                || current.state() == MemberState.UNKNOWN || current.state() == MemberState.DOWN;
        if (down) {
            Instant since = current.state() == MemberState.DOWN ? current.since() : now;
            return new MemberStatus(MemberState.DOWN, null, u.error(), since, failures, 0);
        }
        return new MemberStatus(current.state(), current.lagSeconds(), u.error(), current.since(), failures, 0);
    }

    private static MemberStatus refused(MemberStatus current, ProbeResult.Refused r, Instant now) {
        Instant since = current.state() == MemberState.BROKEN ? current.since() : now;
        return new MemberStatus(MemberState.BROKEN, null, r.error(), since, 0, 0);
    }

    private MemberStatus answered(MemberRole role, MemberStatus current, ProbeResult.Answered a, boolean primaryDown,
                                  Instant now) {
        Verdict verdict = role == MemberRole.PRIMARY ? primaryVerdict(a) : replicaVerdict(a, primaryDown);
        Long lag = role == MemberRole.PRIMARY || a.replication() == null ? null : a.replication().secondsBehind();
        int successes = current.consecutiveSuccesses() + 1;
        if (verdict.state() != MemberState.UP) {
            Instant since = current.state() == verdict.state() ? current.since() : now;
            return new MemberStatus(verdict.state(), lag, verdict.reason(), since, 0, 0);
        }
        boolean admitted = current.state() == MemberState.UP || current.state() == MemberState.UNKNOWN
                || successes >= config.recoveryThreshold();
        if (admitted) {
            Instant since = current.state() == MemberState.UP ? current.since() : now;
            return new MemberStatus(MemberState.UP, lag, null, since, 0, successes);
        }
        return new MemberStatus(current.state(), lag, current.lastError(), current.since(), 0, successes);
    }

    private static Verdict primaryVerdict(ProbeResult.Answered a) {
        if (a.readOnly()) return new Verdict(MemberState.BROKEN, "primary has read_only=ON: writes will fail");
        return Verdict.UP;
    }

    private Verdict replicaVerdict(ProbeResult.Answered a, boolean primaryDown) {
        ReplicationStatus r = a.replication();
        if (r == null) return new Verdict(MemberState.BROKEN, "not replicating (SHOW SLAVE STATUS is empty)");
        if (primaryDown && r.ioConnecting() && r.sqlRunning()) return Verdict.UP; // all there is: see class comment
        if (!r.ioRunning() || !r.sqlRunning()) {
            return new Verdict(MemberState.BROKEN, "replication stopped: Slave_IO_Running="
                    + (r.ioRunning() ? "Yes" : r.ioConnecting() ? "Connecting" : "No")
                    + ", Slave_SQL_Running=" + yesNo(r.sqlRunning()) + (r.lastError() == null ? "" : ": " + r.lastError()));
        }
        if (r.secondsBehind() == null) return new Verdict(MemberState.BROKEN, "replication lag unknown (Seconds_Behind_Master is NULL)");
        if (r.secondsBehind() > maxReplicationLag.toSeconds()) {
            return new Verdict(MemberState.LAGGING, "replication lag " + r.secondsBehind() + "s exceeds max_replication_lag "
                    + maxReplicationLag.toSeconds() + "s");
        }
        return Verdict.UP;
    }

    private static String yesNo(boolean b) {
        return b ? "Yes" : "No";
    }

    private record Verdict(MemberState state, String reason) {
        static final Verdict UP = new Verdict(MemberState.UP, null);
    }
}
