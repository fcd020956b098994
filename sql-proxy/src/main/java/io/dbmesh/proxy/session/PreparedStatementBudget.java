package io.dbmesh.proxy.session;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The prepared statements of the whole process, counted and weighed (statement text), shared by
 * every session: like MySQL's max_prepared_stmt_count, and what keeps a few connections that
 * prepare without closing from filling the heap. A session reserves before it prepares and
 * releases when the statement is closed or the session ends.
 */
final class PreparedStatementBudget {
    private final long maxCount;
    private final long maxBytes;
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    PreparedStatementBudget(long maxCount, long maxBytes) {
        this.maxCount = maxCount;
        this.maxBytes = maxBytes;
    }

    /** Takes one statement of {@code size} bytes; false (nothing taken) when either limit would be passed. */
    boolean tryReserve(long size) {
        if (count.incrementAndGet() > maxCount) {
            count.decrementAndGet();
            return false;
        }
        if (bytes.addAndGet(size) > maxBytes) {
            bytes.addAndGet(-size);
            count.decrementAndGet();
            return false;
        }
        return true;
    }

    void release(long size) {
        count.decrementAndGet();
        bytes.addAndGet(-size);
    }

    long count() {
        return count.get();
    }

    long bytes() {
        return bytes.get();
    }

    long maxCount() {
        return maxCount;
    }

    long maxBytes() {
        return maxBytes;
    }
}
