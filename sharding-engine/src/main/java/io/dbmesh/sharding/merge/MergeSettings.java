package io.dbmesh.sharding.merge;

/**
 * Limits of the merges that must hold rows in memory (memory GROUP BY, DISTINCT without sorted
 * input, memory sort without a LIMIT): beyond {@code maxMemoryRows} rows a statement fails with a
 * clear error instead of exhausting the sidecar's heap. Streaming merges need no limit: they hold
 * one row per shard.
 */
public record MergeSettings(long maxMemoryRows) {
    public static final MergeSettings DEFAULTS = new MergeSettings(1_000_000);

    public MergeSettings {
        if (maxMemoryRows < 1) throw new IllegalArgumentException("maxMemoryRows must be positive");
    }
}
