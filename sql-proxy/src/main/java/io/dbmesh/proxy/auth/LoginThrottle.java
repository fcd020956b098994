package io.dbmesh.proxy.auth;

import io.dbmesh.proxy.config.LimitsConfig;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The brake on password guessing (config {@code limits.failed_logins}), counted per client address
 * and per user name, like MySQL's connection-control plugin: after {@code delay_after} failures in
 * a row an attempt is answered only after a delay that doubles with each further failure (up to
 * {@code max_delay}), and after {@code block_after} failures the address or user is refused without
 * a password check for {@code block_for}. A success clears both counts; a count is forgotten
 * {@code block_for} after its last failure. Refused attempts do not count (the block ends on time).
 *
 * <p>Unknown user names count too (a guesser does not learn which users exist); the table is bounded
 * so that random names cannot grow it without limit.
 */
public final class LoginThrottle {
    /** Most counters kept; beyond it the expired are swept, then the table is cleared (a flood of names). */
    static final int MAX_ENTRIES = 10_000;

    private final LimitsConfig.FailedLogins config;
    private final LoginClock clock;
    private final Map<String, Failures> counts = new ConcurrentHashMap<>();

    private static final class Failures {
        int count;
        long lastFailure;
    }

    /** What to do with an attempt before its password is checked. */
    public sealed interface Verdict {
        /** Check the password now. */
        record Proceed() implements Verdict {
        }

        /** Check the password after waiting this long. */
        record Delay(Duration delay, int failures) implements Verdict {
        }

        /** Refuse without checking: the address (byUser false) or the user is blocked. */
        record Blocked(boolean byUser, int failures, Duration remaining) implements Verdict {
        }
    }

    /** The failure counts after a failed attempt, for the log line. */
    public record Counts(int address, int user) {
    }

    private static final Verdict PROCEED = new Verdict.Proceed();

    public LoginThrottle(LimitsConfig.FailedLogins config) {
        this(config, LoginClock.SYSTEM);
    }

    /** {@code clock}: what failures are timed and delays waited on. */
    public LoginThrottle(LimitsConfig.FailedLogins config, LoginClock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Waits a {@link Verdict.Delay}'s delay on this throttle's clock. */
    public void pause(Duration delay) throws InterruptedException {
        clock.sleep(delay);
    }

    /** Before checking a password of {@code user} from {@code address}. */
    public Verdict before(String address, String user) {
        long now = clock.nanoTime();
        int byAddress = current(addressKey(address), now);
        int byUser = current(userKey(user), now);
        int blockAfter = config.blockAfter();
        if (blockAfter > 0 && (byAddress >= blockAfter || byUser >= blockAfter)) {
            boolean userBlock = byAddress < blockAfter;
            Failures f = counts.get(userBlock ? userKey(user) : addressKey(address));
            long left = f == null ? 0 : f.lastFailure + config.blockFor().toNanos() - now;
            return new Verdict.Blocked(userBlock, Math.max(byAddress, byUser), Duration.ofNanos(Math.max(0, left)));
        }
        int failures = Math.max(byAddress, byUser);
        if (failures < config.delayAfter() || config.delay().isZero()) return PROCEED;
        int doublings = Math.min(30, failures - config.delayAfter());
        long delay = Math.min(config.maxDelay().toNanos(), config.delay().toNanos() << doublings);
        if (delay < 0) delay = config.maxDelay().toNanos();
        return new Verdict.Delay(Duration.ofNanos(delay), failures);
    }

    /** A wrong password (or unknown user): both counts grow. */
    public Counts failed(String address, String user) {
        long now = clock.nanoTime();
        if (counts.size() >= MAX_ENTRIES) sweep(now);
        return new Counts(increment(addressKey(address), now), increment(userKey(user), now));
    }

    /** A successful login clears both counts. */
    public void succeeded(String address, String user) {
        counts.remove(addressKey(address));
        counts.remove(userKey(user));
    }

    private int current(String key, long now) {
        Failures f = counts.get(key);
        if (f == null) return 0;
        synchronized (f) {
            if (now - f.lastFailure > config.blockFor().toNanos()) {
                counts.remove(key, f);
                return 0;
            }
            return f.count;
        }
    }

    private int increment(String key, long now) {
        Failures f = counts.computeIfAbsent(key, k -> new Failures());
        synchronized (f) {
            if (f.count > 0 && now - f.lastFailure > config.blockFor().toNanos()) f.count = 0;
            f.count++;
            f.lastFailure = now;
            return f.count;
        }
    }

    private void sweep(long now) {
        long forget = config.blockFor().toNanos();
        for (Iterator<Failures> it = counts.values().iterator(); it.hasNext(); ) {
            Failures f = it.next();
            synchronized (f) {
                if (now - f.lastFailure > forget) it.remove();
            }
        }
        if (counts.size() >= MAX_ENTRIES) counts.clear(); // a flood of distinct names: start over rather than grow
    }

    int size() {
        return counts.size();
    }

    private static String addressKey(String address) {
        return "a:" + address;
    }

    private static String userKey(String user) {
        return "u:" + user;
    }
}
