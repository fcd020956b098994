package io.dbmesh.sharding.algorithm;

import java.nio.charset.StandardCharsets;

/**
 * {@code hash_mod}: MurmurHash3 x86_32 (seed 0) of the UTF-8 bytes of the key's canonical text
 * ({@link KeyValues#canonicalText}: integers in decimal, strings as written), then floor modulo the
 * number of targets. Works for any key type and spreads sequential keys evenly.
 */
public final class HashModShardFunction implements ShardFunction {

    @Override
    public int shard(Object value, int shards) {
        int h = MurmurHash3.hash32(KeyValues.canonicalText(value).getBytes(StandardCharsets.UTF_8), 0);
        return Math.floorMod(h, shards);
    }

    @Override
    public java.util.BitSet shards(KeyRange range, int shards) throws io.dbmesh.sharding.ShardingException {
        return SmallRanges.shards(range, shards, k -> shard(k, shards));
    }

    @Override
    public String describe() {
        return "hash_mod";
    }
}
