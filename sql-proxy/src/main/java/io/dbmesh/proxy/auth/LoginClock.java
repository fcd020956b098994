package io.dbmesh.proxy.auth;

import java.time.Duration;

/**
 * The time {@link LoginThrottle} counts failures in and waits its delays on. The system's in
 * production; a test's own, stepped by hand, so that delays and blocks are checked without waiting.
 */
@FunctionalInterface
public interface LoginClock {

    LoginClock SYSTEM = System::nanoTime;

    /** Now, in nanoseconds of an arbitrary origin (like {@link System#nanoTime()}). */
    long nanoTime();

    /** Waits {@code delay} before a login's password is checked: really, unless the clock is a test's. */
    default void sleep(Duration delay) throws InterruptedException {
        Thread.sleep(delay);
    }
}
