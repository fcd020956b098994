package io.dbmesh.proxy.backend.replica;

import io.dbmesh.proxy.backend.BackendConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Backend connections handed out per member, so that when the checker finds a member down its
 * connections still in use are aborted: a statement stuck on a hung server (which keeps the TCP
 * connection open and never answers) fails within a health-check period instead of hanging.
 *
 * <p>Sessions untrack a connection when they release it; connections given back by other paths
 * (a scatter's extra connection) are swept out every few hundred tracks, so the sets stay small
 * without a lock or a scan on the hot path.
 */
final class InFlightConnections {
    private static final Logger log = LoggerFactory.getLogger(InFlightConnections.class);
    private static final Executor ABORTER = task -> Thread.ofVirtual().name("dbmesh-abort").start(task);
    private static final int SWEEP_EVERY = 256;

    private final Map<Member, Set<BackendConnection>> byMember = new ConcurrentHashMap<>();
    private final AtomicInteger tracks = new AtomicInteger();

    void track(Member member, BackendConnection connection) {
        Set<BackendConnection> set = byMember.computeIfAbsent(member, m -> ConcurrentHashMap.newKeySet());
        set.add(connection);
        if (tracks.incrementAndGet() % SWEEP_EVERY == 0) {
            byMember.values().forEach(s -> s.removeIf(BackendConnection::isReturned));
        }
    }

    void untrack(Member member, BackendConnection connection) {
        Set<BackendConnection> set = byMember.get(member);
        if (set != null) set.remove(connection);
    }

    /** Aborts every connection of {@code member} that is still in use; returns how many. */
    int abortAll(Member member) {
        Set<BackendConnection> set = byMember.get(member);
        if (set == null) return 0;
        int aborted = 0;
        for (BackendConnection c : set) {
            set.remove(c);
            try {
                if (c.abortIfHeld(ABORTER)) aborted++; // never one already back in the pool
            } catch (Exception e) {
                log.debug("abort of a connection to {} failed: {}", member.name(), e.toString());
            }
        }
        return aborted;
    }
}
