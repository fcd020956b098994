package io.dbmesh.proxy.logging;

import org.slf4j.Logger;
import org.slf4j.event.Level;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Log lines that hostile or broken clients can trigger at will (malformed packets, failed logins)
 * go through here: the same kind of line (its key, e.g. "malformed-packet") is written at most once
 * per interval; the next one that is written says how many were left out, "(repeated N times)".
 * So the log stays readable, and a client cannot fill the disk with it.
 */
public final class RepeatLimitedLog {
    /** Keys tracked at most (each a kind of event, not a client): beyond that they start over. */
    private static final int MAX_KEYS = 1024;

    private final Logger logger;
    private final long intervalNanos;
    private final LongSupplier nanos;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();

    private static final class Slot {
        long lastWritten;
        long suppressed;
        boolean written;
    }

    public RepeatLimitedLog(Logger logger, long intervalMillis) {
        this(logger, intervalMillis, System::nanoTime);
    }

    RepeatLimitedLog(Logger logger, long intervalMillis, LongSupplier nanos) {
        this.logger = logger;
        this.intervalNanos = intervalMillis * 1_000_000;
        this.nanos = nanos;
    }

    public void warn(String key, String message) {
        log(Level.WARN, key, message);
    }

    public void info(String key, String message) {
        log(Level.INFO, key, message);
    }

    /** Writes {@code message} unless a line of {@code key} was written less than an interval ago. */
    public void log(Level level, String key, String message) {
        if (!logger.isEnabledForLevel(level)) return;
        if (slots.size() >= MAX_KEYS && !slots.containsKey(key)) slots.clear();
        Slot slot = slots.computeIfAbsent(key, k -> new Slot());
        long repeated;
        synchronized (slot) {
            long now = nanos.getAsLong();
            if (slot.written && now - slot.lastWritten < intervalNanos) {
                slot.suppressed++;
                return;
            }
            repeated = slot.suppressed;
            slot.suppressed = 0;
            slot.lastWritten = now;
            slot.written = true;
        }
        logger.atLevel(level).log(repeated > 0 ? message + " (repeated " + repeated + " times)" : message);
    }
}
