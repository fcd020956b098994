package io.dbmesh.mesh.digest;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The running totals of one digest (per logical database and user): thread-safe, lock-free,
 * constant size. The p95 comes from a latency histogram of powers of two of microseconds (so it is
 * an upper bound within a factor of two, capped by the maximum seen).
 */
public final class DigestStats {
    private static final int BUCKETS = 40;

    final String database;
    final String user;
    final String digest;
    final long firstSeenMillis = System.currentTimeMillis();
    private final long firstSeenNanos = System.nanoTime();
    private volatile long lastSeenNanos = firstSeenNanos;
    private final LongAdder count = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder rows = new LongAdder();
    private final LongAdder totalNanos = new LongAdder();
    private final AtomicLong min = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong max = new AtomicLong();
    private final AtomicLongArray histogram = new AtomicLongArray(BUCKETS);

    DigestStats(String database, String user, String digest) {
        this.database = database;
        this.user = user;
        this.digest = digest;
    }

    /** @param endNanos {@link System#nanoTime()} when the statement ended (no clock read of our own) */
    public void record(long nanos, long rowCount, boolean failed, long endNanos) {
        count.increment();
        if (failed) errors.increment();
        if (rowCount > 0) rows.add(rowCount);
        totalNanos.add(nanos);
        if (nanos < min.get()) min.accumulateAndGet(nanos, Math::min);
        if (nanos > max.get()) max.accumulateAndGet(nanos, Math::max);
        long micros = Math.max(1, nanos / 1000);
        histogram.incrementAndGet(Math.min(BUCKETS - 1, 63 - Long.numberOfLeadingZeros(micros)));
        lastSeenNanos = endNanos;
    }

    public String digest() {
        return digest;
    }

    /** A consistent-enough copy for SHOW DBMESH DIGESTS. */
    DigestRow row() {
        long n = count.sum();
        long[] h = new long[BUCKETS];
        long inHistogram = 0;
        for (int i = 0; i < BUCKETS; i++) inHistogram += h[i] = histogram.get(i);
        long p95 = 0;
        long wanted = (long) Math.ceil(inHistogram * 0.95);
        long seen = 0;
        for (int i = 0; i < BUCKETS && inHistogram > 0; i++) {
            seen += h[i];
            if (seen >= wanted) {
                p95 = Math.min(max.get(), (2L << i) * 1000); // the bucket's upper bound, capped by the max
                break;
            }
        }
        long mn = min.get();
        return new DigestRow(database, user, digest, n, errors.sum(), rows.sum(), totalNanos.sum(),
                mn == Long.MAX_VALUE ? 0 : mn, max.get(), p95, firstSeenMillis,
                firstSeenMillis + (lastSeenNanos - firstSeenNanos) / 1_000_000);
    }
}
