package io.dbmesh.sharding.plan;

/**
 * Told of every lookup in a planner's cache of analysed statements, so telemetry can count hits and
 * misses without the engine knowing about metrics. The default does nothing.
 */
@FunctionalInterface
public interface PlanCacheListener {
    PlanCacheListener NONE = hit -> {
    };

    /** @param hit the statement's analysis was found in the cache */
    void lookup(boolean hit);
}
