package io.dbmesh.proxy.config;

import io.dbmesh.txn.TransactionMode;
import io.dbmesh.txn.XaSettings;

import java.time.Duration;

/**
 * The {@code transactions:} section of a logical database: how its multi-shard transactions commit.
 *
 * @param mode             {@code local} (default: one transaction per data source, committed one after
 *                         the other) or {@code xa} (two-phase commit, atomic across data sources)
 * @param logDataSource    where the XA decision log lives (default: the database's default data
 *                         source); null in local mode without a {@code log}
 * @param recoveryInterval how often XA recovery scans the data sources
 * @param lease            how long this sidecar's heartbeat lease lasts
 * @param timeout          a prepared branch nobody decided is rolled back after this even if its owner lives
 */
public record TransactionsConfig(TransactionMode mode, String logDataSource, Duration recoveryInterval,
                                 Duration lease, Duration timeout) {

    public static final TransactionsConfig LOCAL = new TransactionsConfig(TransactionMode.LOCAL, null,
            XaSettings.DEFAULT_RECOVERY_INTERVAL, XaSettings.DEFAULT_LEASE, XaSettings.DEFAULT_TIMEOUT);

    /** Whether this database needs the XA coordinator (xa mode, or a log for sessions that switch to xa). */
    public boolean needsLog() {
        return logDataSource != null;
    }

    public XaSettings xaSettings() {
        return new XaSettings(logDataSource, recoveryInterval, lease, timeout, null);
    }
}
