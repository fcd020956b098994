package io.dbmesh.proxy.session;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Counters behind COM_STATISTICS, shared by the sessions of one {@link SessionFactory}. */
public final class SidecarStats {
    private final long startNanos = System.nanoTime();
    final AtomicInteger sessions = new AtomicInteger();
    final LongAdder questions = new LongAdder();

    public String statistics() {
        long uptime = Math.max(1, (System.nanoTime() - startNanos) / 1_000_000_000L);
        long q = questions.sum();
        return String.format(java.util.Locale.ROOT,
                "Uptime: %d  Threads: %d  Questions: %d  Slow queries: 0  Opens: 0  Open tables: 0  Queries per second avg: %.3f",
                uptime, sessions.get(), q, (double) q / uptime);
    }
}
