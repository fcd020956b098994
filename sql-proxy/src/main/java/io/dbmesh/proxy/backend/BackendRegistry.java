package io.dbmesh.proxy.backend;

import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import io.dbmesh.proxy.config.DataSourceConfig;
import io.dbmesh.proxy.config.DbmeshConfig;
import io.dbmesh.proxy.config.HealthCheckConfig;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * All data source pools of the sidecar, one {@link DataSourcePool} per configured data source,
 * opened from {@link DbmeshConfig#dataSources()}. As a {@link PoolSelector} it serves every intent
 * from the data source's only pool; read/write groups wrap it with their own selector.
 */
public final class BackendRegistry implements PoolSelector, AutoCloseable {

    private final Map<String, DataSourcePool> pools;
    private final Map<String, String> driverOptions;
    /** HikariCP's metrics tracker for every pool (telemetry), or null */
    private final MetricsTrackerFactory poolMetrics;
    /** Fail-fast health of the plain data sources; null when not monitored (tests building a bare registry). */
    private volatile DataSourceMonitor monitor;

    public BackendRegistry(Map<String, DataSourceConfig> dataSources) {
        this(dataSources, Map.of());
    }

    /** {@code driverOptions}: Connector/J options for every pool (see JdbcUrls#forProxy). */
    public BackendRegistry(Map<String, DataSourceConfig> dataSources, Map<String, String> driverOptions) {
        this(dataSources, driverOptions, null);
    }

    /** {@code poolMetrics}: HikariCP's metrics tracker for every pool, replicas' included (null: none). */
    public BackendRegistry(Map<String, DataSourceConfig> dataSources, Map<String, String> driverOptions,
                           MetricsTrackerFactory poolMetrics) {
        this.driverOptions = Map.copyOf(driverOptions);
        this.poolMetrics = poolMetrics;
        Map<String, DataSourcePool> m = new LinkedHashMap<>();
        try {
            dataSources.forEach((name, ds) -> m.put(name, openPool(ds)));
        } catch (RuntimeException e) {
            m.values().forEach(DataSourcePool::close);
            throw e;
        }
        this.pools = Map.copyOf(m);
    }

    public static BackendRegistry open(DbmeshConfig config) {
        return new BackendRegistry(config.dataSources());
    }

    public static BackendRegistry open(DbmeshConfig config, Map<String, String> driverOptions) {
        return new BackendRegistry(config.dataSources(), driverOptions);
    }

    /** The sidecar's registry: with a {@link DataSourceMonitor} over its plain (non replica group) data sources. */
    public static BackendRegistry open(DbmeshConfig config, Map<String, String> driverOptions, MetricsTrackerFactory poolMetrics) {
        BackendRegistry registry = new BackendRegistry(config.dataSources(), driverOptions, poolMetrics);
        List<DataSourceConfig> plain = new ArrayList<>();
        config.dataSources().forEach((name, ds) -> {
            if (!config.replicaGroups().containsKey(name)) plain.add(ds);
        });
        registry.monitor = new DataSourceMonitor(plain, HealthCheckConfig.DEFAULT);
        for (DataSourcePool pool : registry.pools.values()) pool.onConnectFailure(registry.monitor::connectionFailed);
        registry.monitor.start();
        return registry;
    }

    /** Up/down of the plain data sources (for readiness and metrics); {@link DataSourceHealth#NONE} when not monitored. */
    public DataSourceHealth health() {
        DataSourceMonitor m = monitor;
        return m == null ? DataSourceHealth.NONE : m;
    }

    /** A pool for a data source outside the registry (a replica), with the registry's driver options. */
    public DataSourcePool openPool(DataSourceConfig dataSource) {
        return new DataSourcePool(dataSource, driverOptions, poolMetrics);
    }

    public DataSourcePool pool(String dataSource) {
        return pools.get(dataSource);
    }

    public Collection<DataSourcePool> pools() {
        return pools.values();
    }

    /** The data source's pool; fails at once (1429) when the data source is known down. */
    @Override
    public DataSourcePool select(String dataSource, AccessIntent intent) throws SQLException {
        DataSourcePool p = pools.get(dataSource);
        if (p == null) {
            throw new SQLException("Unknown data source '" + dataSource + "'", "HY000", BackendErrors.UNKNOWN_ERROR);
        }
        DataSourceMonitor m = monitor;
        if (m != null) m.checkUp(dataSource);
        return p;
    }

    @Override
    public void close() {
        try {
            if (monitor != null) monitor.close();
        } finally {
            pools.values().forEach(DataSourcePool::close);
        }
    }
}
