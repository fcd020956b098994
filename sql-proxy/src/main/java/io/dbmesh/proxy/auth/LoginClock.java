package io.dbmesh.proxy.auth;

import java.time.Duration;

/**
 * The time {@link LoginThrottle} counts failures in and waits its delays on. The system's in
 * production; a test's own, stepped by hand, so that delays and blocks are checked without waiting.
 */
public interface LoginClock {

    /** Now, in nanoseconds of an arbitrary origin (like {@link System#nanoTime()}). */
    long nanoTime();

    /** Waits {@code delay} before a login's password is checked. */
    void sleep(Duration delay) throws InterruptedException;

    LoginClock SYSTEM = new LoginClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(Duration delay) throws InterruptedException {
            Thread.sleep(delay);
        }
    };
}
