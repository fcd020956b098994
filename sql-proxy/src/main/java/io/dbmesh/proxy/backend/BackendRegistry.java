package io.dbmesh.proxy.backend;

import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import io.dbmesh.proxy.config.DataSourceConfig;
import io.dbmesh.proxy.config.DbmeshConfig;

import java.sql.SQLException;
import java.util.Collection;
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

    public static BackendRegistry open(DbmeshConfig config, Map<String, String> driverOptions, MetricsTrackerFactory poolMetrics) {
        return new BackendRegistry(config.dataSources(), driverOptions, poolMetrics);
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

    @Override
    public DataSourcePool select(String dataSource, AccessIntent intent) throws SQLException {
        DataSourcePool p = pools.get(dataSource);
        if (p == null) {
            throw new SQLException("Unknown data source '" + dataSource + "'", "HY000", BackendErrors.UNKNOWN_ERROR);
        }
        return p;
    }

    @Override
    public void close() {
        pools.values().forEach(DataSourcePool::close);
    }
}
