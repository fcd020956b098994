package io.dbmesh.proxy.backend.replica;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Probes every member of every replica group on the group's interval, each member on its own
 * virtual thread (a hung server delays nobody else's probes), and feeds the results to the group.
 * {@link #start()} runs one round before returning, so a sidecar never serves its first statement
 * with replicas of unknown health.
 */
public final class HealthChecker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HealthChecker.class);

    private final List<Target> targets = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;

    private record Target(ReplicaGroup group, Member member, MemberProbe probe) {
    }

    public HealthChecker(List<ReplicaGroup> groups) {
        for (ReplicaGroup group : groups) {
            Duration timeout = group.config().healthCheck().timeout();
            for (Member member : group.members()) {
                targets.add(new Target(group, member, new MemberProbe(member.dataSource(), member.role(), timeout)));
            }
        }
    }

    /** One probe round (in parallel, so it takes one timeout at worst), then probing on the interval. */
    public synchronized void start() {
        if (!threads.isEmpty()) throw new IllegalStateException("already started");
        probeAllNow();
        for (Target target : targets) {
            threads.add(Thread.ofVirtual().name("health-" + target.member().name()).start(() -> loop(target)));
        }
    }

    /** Probes every member once, in parallel, and returns when all answered or timed out. */
    public void probeAllNow() {
        List<Thread> round = new ArrayList<>(targets.size());
        for (Target target : targets) round.add(Thread.ofVirtual().start(() -> probe(target)));
        for (Thread t : round) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void loop(Target target) {
        long intervalNanos = target.group().config().healthCheck().interval().toNanos();
        long next = System.nanoTime() + intervalNanos;
        while (!closed) {
            long wait = next - System.nanoTime();
            if (wait > 0) LockSupport.parkNanos(wait);
            if (closed || Thread.currentThread().isInterrupted()) break;
            if (System.nanoTime() < next) continue; // spurious wake-up
            probe(target);
            // Fixed rate, but never a burst of catch-up probes after a slow one.
            next = Math.max(next + intervalNanos, System.nanoTime());
        }
        target.probe().close();
    }

    private void probe(Target target) {
        long start = System.nanoTime();
        ProbeResult result;
        synchronized (target.probe()) {
            result = target.probe().probe();
        }
        long nanos = System.nanoTime() - start;
        if (closed) return;
        try {
            target.group().recordProbe(target.member(), result, Instant.now());
            target.group().listener().probed(target.member(), result, nanos);
        } catch (RuntimeException e) {
            log.warn("health check of {} failed unexpectedly: {}", target.member().name(), e.toString(), e);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        threads.forEach(Thread::interrupt);
        for (Thread t : threads) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        threads.clear();
        for (Target target : targets) {
            synchronized (target.probe()) {
                target.probe().close();
            }
        }
    }
}
