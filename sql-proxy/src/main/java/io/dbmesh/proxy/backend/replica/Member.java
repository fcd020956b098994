package io.dbmesh.proxy.backend.replica;

import io.dbmesh.proxy.config.DataSourceConfig;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One server of a replica group and what dbmesh knows about it right now: health (written by the
 * checker, or by the serving path when a connection to it fails), statements in flight (for
 * least-connections balancing) and how far it has applied the primary's writes (for
 * read-your-writes without a wait).
 */
public final class Member {
    private final String group;
    private final MemberRole role;
    private final DataSourceConfig dataSource;
    private final int weight;
    private final AtomicReference<MemberStatus> status;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicReference<GtidPosition> applied = new AtomicReference<>(GtidPosition.EMPTY);
    /** A read-your-writes wait for this position timed out; cleared by the next probe. */
    private volatile GtidPosition stalledAt;
    /** What the last probe saw (null before the first). */
    private volatile ProbeResult lastProbe;

    public Member(String group, MemberRole role, DataSourceConfig dataSource, int weight, MemberStatus initial) {
        this.group = group;
        this.role = role;
        this.dataSource = dataSource;
        this.weight = weight;
        this.status = new AtomicReference<>(initial);
    }

    public String group() {
        return group;
    }

    /** The member's data source name, e.g. {@code ds0} for a primary, {@code ds0.replica1}. */
    public String name() {
        return dataSource.name();
    }

    public MemberRole role() {
        return role;
    }

    public DataSourceConfig dataSource() {
        return dataSource;
    }

    public int weight() {
        return weight;
    }

    public MemberStatus status() {
        return status.get();
    }

    public MemberState state() {
        return status.get().state();
    }

    /** Replaces the status; returns the previous one. */
    MemberStatus setStatus(MemberStatus next) {
        return status.getAndSet(next);
    }

    /** Atomically moves from {@code expected}; false when someone else changed it first. */
    boolean compareAndSetStatus(MemberStatus expected, MemberStatus next) {
        return status.compareAndSet(expected, next);
    }

    /** Statements dbmesh is running on this member now. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Call around every statement executed here; {@link #release()} in a finally. */
    public void acquire() {
        inFlight.incrementAndGet();
    }

    public void release() {
        inFlight.decrementAndGet();
    }

    /** What this member is known to have applied (a lower bound: it only grows). */
    public GtidPosition applied() {
        return applied.get();
    }

    void advanceApplied(GtidPosition position) {
        applied.accumulateAndGet(position, GtidPosition::merge);
        GtidPosition stalled = stalledAt;
        if (stalled != null && applied.get().covers(stalled)) stalledAt = null;
    }

    /** True when a wait for {@code required} already timed out on this member since the last probe. */
    boolean stalledFor(GtidPosition required) {
        GtidPosition stalled = stalledAt;
        return stalled != null && required.covers(stalled);
    }

    void markStalled(GtidPosition required) {
        stalledAt = required;
    }

    void clearStalled() {
        stalledAt = null;
    }

    ProbeResult lastProbe() {
        return lastProbe;
    }

    void lastProbe(ProbeResult probe) {
        this.lastProbe = probe;
    }

    @Override
    public String toString() {
        return name() + "(" + role.name().toLowerCase(java.util.Locale.ROOT) + ", " + state().label() + ")";
    }
}
