package io.dbmesh.sharding.algorithm;

import io.dbmesh.sharding.ShardingException;

import java.math.BigDecimal;
import java.util.BitSet;
import java.util.List;

/**
 * {@code range}: numeric boundaries split the key space; target i holds keys in
 * [boundary[i-1], boundary[i]) (the first from -inf, the last to +inf), so n boundaries make n+1
 * targets. Boundaries must strictly increase: anything else would make ranges overlap.
 */
public final class RangeShardFunction implements ShardFunction {
    private final List<BigDecimal> boundaries;

    public RangeShardFunction(List<BigDecimal> boundaries) {
        for (int i = 1; i < boundaries.size(); i++) {
            if (boundaries.get(i).compareTo(boundaries.get(i - 1)) <= 0) {
                throw new IllegalArgumentException("range boundaries must strictly increase: " + boundaries.get(i - 1)
                        + " then " + boundaries.get(i) + " would make ranges overlap");
            }
        }
        if (boundaries.isEmpty()) throw new IllegalArgumentException("range needs at least one boundary");
        this.boundaries = List.copyOf(boundaries);
    }

    @Override
    public int shard(Object value, int shards) throws ShardingException {
        BigDecimal v = KeyValues.asDecimal(value);
        int i = 0;
        while (i < boundaries.size() && v.compareTo(boundaries.get(i)) >= 0) i++;
        return i;
    }

    @Override
    public BitSet shards(KeyRange range, int shards) throws ShardingException {
        int from = range.lower() == null ? 0 : shard(range.lower(), shards);
        int to = range.upper() == null ? shards - 1 : shard(range.upper(), shards);
        BitSet out = new BitSet(shards);
        if (to >= from) out.set(from, to + 1);
        return out;
    }

    @Override
    public String checkShardCount(int shards) {
        return boundaries.size() + 1 == shards ? null
                : boundaries.size() + " range boundaries make " + (boundaries.size() + 1) + " ranges but there are " + shards + " targets";
    }

    @Override
    public String describe() {
        return "range" + boundaries;
    }
}
