package io.dbmesh.mesh.metrics;

import java.time.Duration;

/** Latency histogram buckets: 0.1 ms to 10 s, about three per decade (what a SQL proxy's latencies span). */
final class Buckets {
    static final Duration[] LATENCY = {
            micros(100), micros(250), micros(500),
            millis(1), millis(2) .plusNanos(500_000), millis(5),
            millis(10), millis(25), millis(50),
            millis(100), millis(250), millis(500),
            millis(1000), millis(2500), millis(5000), millis(10_000)};

    private static Duration micros(long n) {
        return Duration.ofNanos(n * 1000);
    }

    private static Duration millis(long n) {
        return Duration.ofMillis(n);
    }

    private Buckets() {
    }
}
