package io.dbmesh.sharding.algorithm;

import io.dbmesh.sharding.ShardingException;

import java.util.BitSet;

/**
 * For functions that scatter neighbouring keys (mod, hash, expressions), a bounded integer range
 * with few values can still be routed exactly by evaluating each value; wider ranges go everywhere.
 */
final class SmallRanges {
    /** Beyond this many keys, evaluating each costs more than it saves. */
    static final int MAX_VALUES = 64;

    interface IntKeyFunction {
        int shard(long key) throws ShardingException;
    }

    private SmallRanges() {
    }

    static BitSet shards(KeyRange range, int shards, IntKeyFunction f) throws ShardingException {
        BitSet all = new BitSet(shards);
        all.set(0, shards);
        if (range.lower() == null || range.upper() == null) return all;
        long lo, hi;
        try {
            java.math.BigDecimal l = KeyValues.asDecimal(range.lower()), h = KeyValues.asDecimal(range.upper());
            lo = l.setScale(0, java.math.RoundingMode.CEILING).longValueExact();
            hi = h.setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
            if (!range.lowerInclusive() && l.compareTo(java.math.BigDecimal.valueOf(lo)) == 0) lo++;
            if (!range.upperInclusive() && h.compareTo(java.math.BigDecimal.valueOf(hi)) == 0) hi--;
        } catch (ShardingException | ArithmeticException e) {
            return all;
        }
        if (hi < lo) return new BitSet(shards);
        if (hi - lo >= MAX_VALUES) return all;
        BitSet out = new BitSet(shards);
        for (long k = lo; k <= hi; k++) out.set(f.shard(k));
        return out;
    }
}
