package io.dbmesh.txn;

import java.time.Duration;

/**
 * How the XA coordinator runs (config {@code transactions:} of a logical database; the sidecar has one
 * coordinator, so the log settings must agree between databases).
 *
 * @param logDataSource     where the decision log and the lease rows live
 * @param recoveryInterval  how often recovery scans the data sources ({@code XA RECOVER})
 * @param lease             how long a sidecar's heartbeat row stays valid; others recover its branches after it expired
 * @param timeout           a prepared branch without decision older than this is rolled back even if its owner lives
 * @param node              the node part of this sidecar's owner name (null: host name)
 */
public record XaSettings(String logDataSource, Duration recoveryInterval, Duration lease, Duration timeout, String node) {
    public static final Duration DEFAULT_RECOVERY_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
}
