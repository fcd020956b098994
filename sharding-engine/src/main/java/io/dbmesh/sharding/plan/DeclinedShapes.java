package io.dbmesh.sharding.plan;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Normalized statement texts whose analysis failed or did not fit the values (bounded LRU like
 * {@link PlanCache}): their statements go straight to the text-keyed path, instead of paying a
 * failed analysis of the normalized form every time.
 */
final class DeclinedShapes {
    private final int capacity;
    private final LinkedHashMap<String, Boolean> entries;

    DeclinedShapes(int capacity) {
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > DeclinedShapes.this.capacity;
            }
        };
    }

    synchronized boolean contains(String normalized) {
        return entries.get(normalized) != null;
    }

    synchronized void add(String normalized) {
        entries.put(normalized, Boolean.TRUE);
    }
}
