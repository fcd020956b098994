package io.dbmesh.proxy.backend.replica;

import io.dbmesh.proxy.backend.BackendConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Backend connections handed out per member, so that when the checker finds a member down its
 * connections still in use are aborted: a statement stuck on a hung server (which keeps the TCP
 * connection open and never answers) fails within a health-check period instead of waiting for
 * the one-hour socket timeout. Weak: connections given back and forgotten vanish by themselves.
 */
final class InFlightConnections {
    private static final Logger log = LoggerFactory.getLogger(InFlightConnections.class);
    private static final Executor ABORTER = task -> Thread.ofVirtual().name("dbmesh-abort").start(task);

    private final Map<Member, Set<BackendConnection>> byMember = new ConcurrentHashMap<>();

    void track(Member member, BackendConnection connection) {
        Set<BackendConnection> set = byMember.computeIfAbsent(member,
                m -> Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>())));
        synchronized (set) {
            set.removeIf(BackendConnection::isReturned);
            set.add(connection);
        }
    }

    /** Aborts every connection of {@code member} that is still in use; returns how many. */
    int abortAll(Member member) {
        Set<BackendConnection> set = byMember.get(member);
        if (set == null) return 0;
        int aborted = 0;
        synchronized (set) {
            for (BackendConnection c : set) {
                if (c.isReturned()) continue;
                try {
                    c.jdbc().abort(ABORTER);
                    aborted++;
                } catch (Exception e) {
                    log.debug("abort of a connection to {} failed: {}", member.name(), e.toString());
                }
            }
            set.clear();
        }
        return aborted;
    }
}
