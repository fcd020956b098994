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
    /** Longest client-supplied text put into a line (user names, statements). */
    private static final int MAX_TEXT = 64;

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

    /**
     * Client-supplied text made safe for a log line: control characters (a forged line break) and
     * invalid characters escaped, cut at 64 characters.
     */
    public static String quote(String text) {
        if (text == null) return "null";
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_TEXT) + 8);
        for (int i = 0; i < text.length(); i++) {
            if (out.length() >= MAX_TEXT) {
                out.append("…");
                break;
            }
            char c = text.charAt(i);
            int type = Character.getType(c);
            if (c < 0x20 || c == 0x7f || c == '\\' || c == '\ufffd' || Character.isSurrogate(c)
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR || type == Character.CONTROL) {
                out.append(c < 0x100 ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    public void warn(String key, String message) {
        log(Level.WARN, key, message);
    }

    public void info(String key, String message) {
        log(Level.INFO, key, message);
    }

    /** Like {@link #warn(String, String)}, with the exception's stack trace when the line is written. */
    public void warn(String key, String message, Throwable t) {
        log(Level.WARN, key, message, t);
    }

    public void error(String key, String message, Throwable t) {
        log(Level.ERROR, key, message, t);
    }

    /** Writes {@code message} unless a line of {@code key} was written less than an interval ago. */
    public void log(Level level, String key, String message) {
        log(level, key, message, null);
    }

    private void log(Level level, String key, String message, Throwable t) {
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
        String line = repeated > 0 ? message + " (repeated " + repeated + " times)" : message;
        if (t == null) logger.atLevel(level).log(line);
        else logger.atLevel(level).setCause(t).log(line);
    }
}
