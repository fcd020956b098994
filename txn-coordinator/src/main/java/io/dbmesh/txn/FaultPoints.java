package io.dbmesh.txn;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only crash points in the commit protocol. Off unless the JVM runs with
 * {@code -Ddbmesh.fault=<point>:<n>}: the n-th time (counting from 1, across all transactions of the
 * process) the coordinator reaches {@code point}, the process halts at once ({@code Runtime.halt(137)},
 * as abrupt as kill -9: no shutdown hooks, no rollback, sockets just close); with
 * {@code <point>:<n>:<ms>} it pauses that thread for ms milliseconds instead (so a test can take a
 * shard away at that exact step). Points:
 * {@code after_prepare} (after each branch's XA PREPARE), {@code after_log} (after the decision is
 * durable), {@code after_commit} (after each branch's XA COMMIT of a two-phase commit).
 * {@link #NONE} is what production runs with.
 */
public final class FaultPoints {
    public static final String PROPERTY = "dbmesh.fault";
    public static final FaultPoints NONE = new FaultPoints(null, 0, 0);

    private final String point;
    private final int nth;
    private final long pauseMillis;
    private final AtomicInteger reached = new AtomicInteger();

    FaultPoints(String point, int nth, long pauseMillis) {
        this.point = point;
        this.nth = nth;
        this.pauseMillis = pauseMillis;
    }

    /** From the system property; {@link #NONE} when it is unset or malformed. */
    public static FaultPoints fromSystemProperties() {
        String spec = System.getProperty(PROPERTY);
        if (spec == null || spec.isBlank()) return NONE;
        String[] parts = spec.trim().toLowerCase(Locale.ROOT).split(":", 3);
        int n = 1;
        long pause = 0;
        try {
            if (parts.length > 1) n = Integer.parseInt(parts[1]);
            if (parts.length > 2) pause = Long.parseLong(parts[2]);
        } catch (NumberFormatException e) {
            return NONE;
        }
        System.err.println("dbmesh: fault injection armed: " + (pause > 0 ? "pause " + pause + " ms" : "halt") + " at "
                + parts[0] + " #" + n + " (test only)");
        return new FaultPoints(parts[0], n, pause);
    }

    /** The coordinator reached {@code name}: halts the process when this is the armed point's n-th time. */
    void reach(String name) {
        if (point == null || !point.equals(name)) return;
        if (reached.incrementAndGet() == nth) {
            if (pauseMillis > 0) {
                System.err.println("dbmesh: fault injection: pausing " + pauseMillis + " ms at " + name + " #" + nth);
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            System.err.println("dbmesh: fault injection: halting at " + name + " #" + nth);
            System.err.flush();
            Runtime.getRuntime().halt(137);
        }
    }
}
