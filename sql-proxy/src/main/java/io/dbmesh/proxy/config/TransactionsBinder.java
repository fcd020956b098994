package io.dbmesh.proxy.config;

import io.dbmesh.txn.TransactionMode;
import io.dbmesh.txn.XaSettings;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Binds the {@code transactions:} section of a logical database ({@link TransactionsConfig}):
 * <pre>
 * transactions:
 *   mode: xa                  # local (default) | xa
 *   log: {data_source: ds_0}  # XA decision log; default: the database's default data source
 *   recovery_interval: 30s    # XA RECOVER on every data source this often (≥ 1s)
 *   lease: 30s                # heartbeat lease of this sidecar (≥ 1s)
 *   timeout: 5m               # undecided prepared branches are rolled back after this (≥ lease)
 * </pre>
 * The sidecar runs one XA coordinator: every database that configures a log must name the same one.
 */
final class TransactionsBinder {
    private TransactionsBinder() {
    }

    static TransactionsConfig bind(ConfigSection db, String database, String defaultDataSource, boolean sharded,
                                   Set<String> dataSources) {
        if (!db.has("transactions")) return TransactionsConfig.LOCAL;
        ConfigSection s = db.section("transactions");
        s.expectOnly("mode", "log", "recovery_interval", "lease", "timeout");
        String modeText = s.optionalString("mode", "local");
        TransactionMode mode = TransactionMode.parse(modeText).orElseThrow(() -> s.error("mode",
                "unknown transaction mode '" + modeText + "' in '" + s.path() + ".mode' (expected local or xa)"));
        if (mode == TransactionMode.XA && !sharded) {
            throw s.error("mode", "'" + s.path() + ".mode: xa' needs a sharded database: '" + database
                    + "' has one data source, whose own transactions are already atomic");
        }
        String log = null;
        if (s.has("log")) {
            ConfigSection l = s.section("log");
            l.expectOnly("data_source");
            log = l.requiredString("data_source");
            if (!dataSources.contains(log)) {
                throw l.error("data_source", "'" + l.path() + ".data_source' refers to unknown data source '" + log
                        + "' (defined: " + String.join(", ", dataSources) + ")");
            }
        } else if (mode == TransactionMode.XA || s.has("recovery_interval") || s.has("lease") || s.has("timeout")) {
            log = defaultDataSource;
        }
        Duration interval = atLeast(s, "recovery_interval", XaSettings.DEFAULT_RECOVERY_INTERVAL, Duration.ofSeconds(1));
        Duration lease = atLeast(s, "lease", XaSettings.DEFAULT_LEASE, Duration.ofSeconds(1));
        Duration timeout = atLeast(s, "timeout", XaSettings.DEFAULT_TIMEOUT, Duration.ofSeconds(1));
        if (timeout.compareTo(lease) < 0) {
            throw s.error("timeout", "'" + s.path() + ".timeout' must be at least the lease (" + lease.toSeconds() + "s)");
        }
        return new TransactionsConfig(mode, log, interval, lease, timeout);
    }

    /** One coordinator per sidecar: databases with a decision log must agree on it and its timings. */
    static void checkOneLog(ConfigSection holder, Map<String, LogicalDatabaseConfig> databases) {
        LogicalDatabaseConfig first = null;
        for (LogicalDatabaseConfig db : databases.values()) {
            if (!db.transactions().needsLog()) continue;
            if (first == null) {
                first = db;
                continue;
            }
            if (!first.transactions().xaSettings().equals(db.transactions().xaSettings())) {
                throw new ConfigException(holder.keyLocation(db.name()), "logical databases '" + first.name() + "' and '"
                        + db.name() + "' configure different XA decision logs or timings (one coordinator per sidecar:"
                        + " give both the same 'transactions.log', 'recovery_interval', 'lease' and 'timeout')");
            }
        }
    }

    private static Duration atLeast(ConfigSection s, String key, Duration defaultValue, Duration min) {
        Duration value = s.optionalDuration(key, defaultValue);
        if (value.compareTo(min) < 0) {
            throw s.error(key, "'" + s.path() + "." + key + "' must be at least " + min.toMillis() + "ms");
        }
        return value;
    }
}
