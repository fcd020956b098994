package io.dbmesh.sharding.algorithm;

import io.dbmesh.sharding.ShardingException;

import java.util.BitSet;

/**
 * Maps a shard-key value to one of {@code shards} targets (data sources or tables, numbered from 0
 * in the order the data nodes were written). Key values arrive as SQL literals or bound
 * parameters: Long, BigDecimal, Double, String, byte[], java.time.LocalDate/LocalDateTime, never
 * null (NULL keys go to target 0, see {@link io.dbmesh.sharding.rule.ShardingStrategy}).
 *
 * <p>Custom functions: implement {@link ShardFunctionFactory} and list it in
 * {@code META-INF/services/io.dbmesh.sharding.algorithm.ShardFunctionFactory}.
 */
public interface ShardFunction {

    /** The target holding {@code value}, in [0, shards). */
    int shard(Object value, int shards) throws ShardingException;

    /**
     * Targets that may hold keys within {@code range}. The default is every target, which is always
     * correct; ordered algorithms (range, interval) and small integer ranges narrow it.
     */
    default BitSet shards(KeyRange range, int shards) throws ShardingException {
        BitSet all = new BitSet(shards);
        all.set(0, shards);
        return all;
    }

    /** Checks the function fits {@code shards} targets (e.g. a range has boundaries+1 parts); returns a problem or null. */
    default String checkShardCount(int shards) {
        return null;
    }

    /** Short text for plan descriptions and errors, e.g. {@code mod}. */
    String describe();
}
