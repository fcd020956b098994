package io.dbmesh.sharding.algorithm;

import io.dbmesh.sharding.ShardingException;

import java.util.BitSet;

/** {@code mod}: integer key modulo the number of targets (floor modulo, so negative keys stay in range). */
public final class ModShardFunction implements ShardFunction {

    @Override
    public int shard(Object value, int shards) throws ShardingException {
        return (int) Math.floorMod(KeyValues.asLong(value), (long) shards);
    }

    @Override
    public BitSet shards(KeyRange range, int shards) throws ShardingException {
        return SmallRanges.shards(range, shards, k -> (int) Math.floorMod(k, (long) shards));
    }

    @Override
    public String describe() {
        return "mod";
    }
}
