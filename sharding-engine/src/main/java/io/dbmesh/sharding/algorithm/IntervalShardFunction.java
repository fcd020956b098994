package io.dbmesh.sharding.algorithm;

import io.dbmesh.sharding.ShardingException;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;

/**
 * {@code interval}: date/time buckets. Target i holds keys in [start + i·step units,
 * start + (i+1)·step units). A key before {@code start} or past the last bucket has no shard: an
 * INSERT of it is an error (never a silent misplacement); a read of it finds nothing.
 */
public final class IntervalShardFunction implements ShardFunction {
    private final LocalDateTime start;
    private final ChronoUnit unit;
    private final long step;

    public IntervalShardFunction(LocalDateTime start, ChronoUnit unit, long step) {
        if (step <= 0) throw new IllegalArgumentException("interval step must be positive");
        this.start = start;
        this.unit = unit;
        this.step = step;
    }

    private long bucket(Object value) throws ShardingException {
        LocalDateTime t = KeyValues.asDateTime(value);
        long units = unit.between(start, t);
        // between() truncates toward zero; a key just before start must land in bucket -1.
        if (t.isBefore(start.plus(units, unit))) units--;
        return Math.floorDiv(units, step);
    }

    @Override
    public int shard(Object value, int shards) throws ShardingException {
        long b = bucket(value);
        if (b < 0 || b >= shards) {
            throw new ShardingException(1105, "HY000", "Sharding value '" + KeyValues.canonicalText(value)
                    + "' is outside the configured intervals (from " + start + ", " + shards + " × " + step + " " + unit + ")");
        }
        return (int) b;
    }

    @Override
    public BitSet shards(KeyRange range, int shards) throws ShardingException {
        long from = range.lower() == null ? 0 : Math.max(0, bucket(range.lower()));
        long to = range.upper() == null ? shards - 1 : Math.min(shards - 1, bucket(range.upper()));
        BitSet out = new BitSet(shards);
        if (to >= from) out.set((int) from, (int) to + 1);
        return out;
    }

    @Override
    public String describe() {
        return "interval(" + start + ", " + step + " " + unit + ")";
    }
}
