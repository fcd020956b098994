package io.dbmesh.mesh.metrics;

import io.micrometer.core.instrument.Clock;

/**
 * Micrometer's clock with a wall time read from a field that a daemon thread refreshes every
 * 10 ms. Every timer record asks the wall clock whether its window max and histogram must rotate
 * (windows of a minute); on virtual machines a clock read can cost ~100 ns, several per statement,
 * so the hot path reads the field instead. Monotonic time stays exact (only Timer.start uses it).
 */
final class CoarseClock implements Clock, AutoCloseable {
    private volatile long wallTime = System.currentTimeMillis();
    private final Thread ticker;
    private volatile boolean closed;

    CoarseClock() {
        ticker = Thread.ofPlatform().daemon().name("dbmesh-metrics-clock").unstarted(() -> {
            while (!closed) {
                wallTime = System.currentTimeMillis();
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        ticker.start();
    }

    @Override
    public long wallTime() {
        return wallTime;
    }

    @Override
    public long monotonicTime() {
        return System.nanoTime();
    }

    @Override
    public void close() {
        closed = true;
        ticker.interrupt();
    }
}
