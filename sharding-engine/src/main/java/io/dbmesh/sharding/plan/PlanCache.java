package io.dbmesh.sharding.plan;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bounded LRU of analysed statements by SQL text. Plans depend only on the text and the rules, so a
 * new rules snapshot comes with a new planner and a new cache.
 */
final class PlanCache {
    private final int capacity;
    private final LinkedHashMap<String, PlanTemplate> entries;
    private long hits;

    PlanCache(int capacity) {
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PlanTemplate> eldest) {
                return size() > PlanCache.this.capacity;
            }
        };
    }

    synchronized PlanTemplate get(String sql) {
        PlanTemplate t = entries.get(sql);
        if (t != null) hits++;
        return t;
    }

    /** Lookups that found an analysed statement (for tests: a repeat must not be analysed again). */
    synchronized long hits() {
        return hits;
    }

    synchronized void put(String sql, PlanTemplate template) {
        entries.put(sql, template);
    }

    synchronized int size() {
        return entries.size();
    }
}
