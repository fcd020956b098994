package io.dbmesh.sharding.keygen;

import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * Snowflake ids: 41 bits of milliseconds since 2024-01-01T00:00Z, 10 bits of worker id, 12 bits
 * of sequence: unique across sidecars with distinct worker ids, increasing over time (good for
 * InnoDB primary keys), positive BIGINTs until 2093. If the clock steps back the generator keeps
 * using the last timestamp rather than risk a duplicate.
 */
public final class SnowflakeGenerator {
    public static final long EPOCH_MILLIS = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    private static final int WORKER_BITS = 10, SEQUENCE_BITS = 12;
    private static final long MAX_SEQUENCE = (1L << SEQUENCE_BITS) - 1;

    private final long workerId;
    private final LongSupplier clock;
    private long lastMillis = -1;
    private long sequence;

    public SnowflakeGenerator(int workerId, LongSupplier clock) {
        if (workerId < 0 || workerId >= (1 << WORKER_BITS)) throw new IllegalArgumentException("worker id must be 0..1023");
        this.workerId = workerId;
        this.clock = clock;
    }

    public SnowflakeGenerator(int workerId) {
        this(workerId, System::currentTimeMillis);
    }

    public synchronized long next() {
        long now = Math.max(clock.getAsLong(), lastMillis);
        if (now == lastMillis) {
            sequence = (sequence + 1) & MAX_SEQUENCE;
            if (sequence == 0) now = lastMillis + 1;
        } else {
            sequence = 0;
        }
        lastMillis = now;
        return ((now - EPOCH_MILLIS) << (WORKER_BITS + SEQUENCE_BITS)) | (workerId << SEQUENCE_BITS) | sequence;
    }
}
