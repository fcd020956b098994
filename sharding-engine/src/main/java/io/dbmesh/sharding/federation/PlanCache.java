package io.dbmesh.sharding.federation;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiled federated statements kept for the next execution of the same shape, least recently used
 * first out, at most {@code capacity} of them idle (0 keeps none). A statement is lent to one
 * execution at a time: {@link #take} removes it, {@link #release} puts it back when the execution
 * ended cleanly. Concurrent executions of one shape each compile one the first time, and up to the
 * capacity all of them are kept, so a busy statement stops compiling after warm-up.
 *
 * <p>Memory: each idle entry holds a Calcite connection with its plan and the generated class of
 * the plan (Janino loads each in its own class loader, so an evicted entry's class can be unloaded).
 */
final class PlanCache {
    /**
     * What a compiled plan depends on: the logical database, the SQL text (literals included: they
     * decide pushed filters and pruning; parameters are bound per execution), and the identity of
     * every table read ({@link TableShape#identity()}).
     */
    /** {@code noBackslashEscapes}: the same text reads other string values under NO_BACKSLASH_ESCAPES. */
    record Key(String database, String sql, boolean noBackslashEscapes, List<Object> tables) {
    }

    private final int capacity;
    private final Map<Key, ArrayDeque<CompiledStatement>> idle = new LinkedHashMap<>(16, 0.75f, true);
    private int size;

    PlanCache(int capacity) {
        if (capacity < 0) throw new IllegalArgumentException("plan cache capacity must be >= 0, got " + capacity);
        this.capacity = capacity;
    }

    /** An idle compiled statement of this shape, now the caller's; null when none is idle. */
    synchronized CompiledStatement take(Key key) {
        ArrayDeque<CompiledStatement> free = idle.get(key);
        if (free == null) return null;
        CompiledStatement s = free.pollLast(); // the most recently used: its pages are warm
        if (free.isEmpty()) idle.remove(key);
        size--;
        return s;
    }

    /** Gives a statement back after a clean execution; closes whatever no longer fits. */
    void release(CompiledStatement statement) {
        statement.binding().unbind();
        List<CompiledStatement> evicted = new java.util.ArrayList<>();
        synchronized (this) {
            if (capacity == 0) {
                evicted.add(statement);
            } else {
                idle.computeIfAbsent(statement.key(), k -> new ArrayDeque<>()).addLast(statement);
                size++;
                for (Iterator<ArrayDeque<CompiledStatement>> it = idle.values().iterator(); size > capacity && it.hasNext(); ) {
                    ArrayDeque<CompiledStatement> eldest = it.next(); // least recently used shape first
                    while (size > capacity && !eldest.isEmpty()) {
                        evicted.add(eldest.pollFirst());
                        size--;
                    }
                    if (eldest.isEmpty()) it.remove();
                }
            }
        }
        for (CompiledStatement s : evicted) s.close(); // outside the lock: closing is not instant
    }

    synchronized int size() {
        return size;
    }
}
