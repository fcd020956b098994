package io.dbmesh.proxy.backend;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import io.dbmesh.proxy.config.DataSourceConfig;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The HikariCP pools of MariaDB Connector/J connections to one physical data source. There are up to
 * two, one per {@link RowCountMode}; the FOUND one is only opened when a client that negotiated
 * CLIENT_FOUND_ROWS first needs it. Both are sized by the data source's pool config.
 *
 * <p>The pool also remembers, per physical connection, which session state it carries
 * ({@link PhysicalState}).
 */
public final class DataSourcePool implements AutoCloseable {

    private final DataSourceConfig config;
    private final Map<String, String> driverOptions;
    private final String schema;
    private final HikariDataSource changedRows;
    private volatile HikariDataSource foundRows;
    /**
     * State per physical connection (Connector/J connections compare by identity). Concurrent, not
     * synchronized: every statement looks its connection up here. Connections Hikari retires on its
     * own (idle, max lifetime) are swept when the map outgrows the pools.
     */
    private final Map<org.mariadb.jdbc.Connection, PhysicalState> states = new ConcurrentHashMap<>();
    private final int sweepAbove;
    private volatile BackendTraits traits;
    private final MetricsTrackerFactory poolMetrics;
    /** Told (data source, error) when no connection could be opened; see DataSourceMonitor. */
    private volatile BiConsumer<String, String> onConnectFailure;

    public DataSourcePool(DataSourceConfig config) {
        this(config, Map.of());
    }

    /** {@code driverOptions}: Connector/J options the sidecar adds to every URL (see JdbcUrls). */
    public DataSourcePool(DataSourceConfig config, Map<String, String> driverOptions) {
        this(config, driverOptions, null);
    }

    /** {@code poolMetrics}: HikariCP's metrics tracker (telemetry: hikaricp_* meters by pool name), or null. */
    public DataSourcePool(DataSourceConfig config, Map<String, String> driverOptions, MetricsTrackerFactory poolMetrics) {
        this.poolMetrics = poolMetrics;
        this.config = config;
        this.driverOptions = Map.copyOf(driverOptions);
        this.schema = JdbcUrls.schema(config.url());
        DataSourceConfig.PoolConfig p = config.pool() == null ? DataSourceConfig.PoolConfig.DEFAULT : config.pool();
        this.sweepAbove = 2 * Math.max(1, p.maxSize()) + 8;
        this.changedRows = open(RowCountMode.CHANGED);
    }

    private HikariDataSource open(RowCountMode mode) {
        DataSourceConfig.PoolConfig p = config.pool() == null ? DataSourceConfig.PoolConfig.DEFAULT : config.pool();
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("dbmesh-" + config.name() + (mode == RowCountMode.FOUND ? "-found-rows" : ""));
        hc.setDriverClassName("org.mariadb.jdbc.Driver");
        Map<String, String> options = driverOptions;
        if (options.containsKey(io.dbmesh.proxy.loop.IoLoops.ID_OPTION) && config.name().matches("[A-Za-z0-9_.-]+")) {
            // its sockets count their round trips under its name (a name a URL can carry as it is)
            options = new java.util.LinkedHashMap<>(options);
            options.put(io.dbmesh.proxy.loop.IoLoops.DATA_SOURCE_OPTION, config.name());
        }
        hc.setJdbcUrl(JdbcUrls.forProxy(config.url(), mode, p.connectionTimeout().toMillis(), options));
        hc.setUsername(config.user());
        hc.setPassword(config.password() == null ? "" : config.password());
        hc.setMaximumPoolSize(Math.max(1, p.maxSize()));
        hc.setMinimumIdle(Math.min(Math.max(0, p.minIdle()), Math.max(1, p.maxSize())));
        hc.setConnectionTimeout(Math.max(250, p.connectionTimeout().toMillis()));
        hc.setIdleTimeout(p.idleTimeout().toMillis());
        hc.setMaxLifetime(p.maxLifetime().toMillis());
        hc.setAutoCommit(true);
        // the sidecar must start even when a backend is down; statements report it instead
        hc.setInitializationFailTimeout(-1);
        if (poolMetrics != null) hc.setMetricsTrackerFactory(poolMetrics);
        return new HikariDataSource(hc);
    }

    public String name() {
        return config.name();
    }

    /** The physical schema of this data source (from its URL), or null. */
    public String schema() {
        return schema;
    }

    public BackendConnection acquire(RowCountMode mode) throws SQLException {
        HikariDataSource ds = mode == RowCountMode.FOUND ? foundRowsPool() : changedRows;
        for (int attempt = 0; ; attempt++) {
            Connection pooled;
            try {
                pooled = ds.getConnection();
            } catch (SQLTransientConnectionException e) {
                // Hikari gives the driver's failure as the cause when it could not connect (a pool that
                // is merely exhausted has none): the data source is down, tell its health monitor
                BiConsumer<String, String> failed = onConnectFailure;
                if (failed != null && e.getCause() != null) failed.accept(name(), String.valueOf(e.getCause().getMessage()));
                throw e;
            }
            try {
                org.mariadb.jdbc.Connection raw = pooled.unwrap(org.mariadb.jdbc.Connection.class);
                if (traits == null) {
                    loadTraits(raw);
                }
                PhysicalState state = states.get(raw);
                if (state == null) {
                    state = new PhysicalState();
                    states.put(raw, state);
                    if (states.size() > sweepAbove) {
                        states.keySet().removeIf(org.mariadb.jdbc.Connection::isClosed);
                    }
                }
                if (state.applied == PhysicalState.UNKNOWN && attempt < 3) {
                    evict(ds, pooled); // a failed replay left it in an unknown state
                    continue;
                }
                return new BackendConnection(this, ds, pooled, raw, state);
            } catch (SQLException | RuntimeException e) {
                pooled.close();
                throw e;
            }
        }
    }

    /** {@code failed} learns of every failure to open a connection (the data source is likely down). */
    void onConnectFailure(BiConsumer<String, String> failed) {
        this.onConnectFailure = failed;
    }

    private HikariDataSource foundRowsPool() {
        HikariDataSource ds = foundRows;
        if (ds == null) {
            synchronized (this) {
                ds = foundRows;
                if (ds == null) {
                    foundRows = ds = open(RowCountMode.FOUND);
                }
            }
        }
        return ds;
    }

    /**
     * Closes {@code pooled}, still borrowed, instead of giving it back: through {@code owner}, the
     * pool it was borrowed from, only. Hikari takes any of its connections in any of its pools;
     * the other pool marked the entry removed without having it, so its own pool then refused to
     * remove it ("Attempt to remove an object from the bag that was not borrowed or reserved"),
     * never closed it and kept its slot until restart.
     */
    void evict(HikariDataSource owner, Connection pooled) {
        try {
            org.mariadb.jdbc.Connection raw = pooled.unwrap(org.mariadb.jdbc.Connection.class);
            states.remove(raw);
        } catch (SQLException ignored) {
            // evict anyway
        }
        owner.evictConnection(pooled);
    }

    /** Server facts, known once any connection has been opened. */
    public BackendTraits traits() {
        BackendTraits t = traits;
        return t != null ? t : new BackendTraits("", true, Long.MAX_VALUE, Map.of());
    }

    private synchronized void loadTraits(org.mariadb.jdbc.Connection raw) throws SQLException {
        if (traits != null) {
            return;
        }
        StringBuilder sql = new StringBuilder("SELECT @@version, @@max_allowed_packet");
        for (String v : BackendTraits.CONNECT_VARIABLES) {
            sql.append(", @@session.").append(v);
        }
        sql.append(", @@version_comment");
        try (Statement st = raw.createStatement(); ResultSet rs = st.executeQuery(sql.toString())) {
            rs.next();
            String version = rs.getString(1);
            Map<String, String> values = new HashMap<>();
            for (int i = 0; i < BackendTraits.CONNECT_VARIABLES.length; i++) {
                values.put(BackendTraits.CONNECT_VARIABLES[i], rs.getString(3 + i));
            }
            String comment = rs.getString(3 + BackendTraits.CONNECT_VARIABLES.length);
            values.put(BackendTraits.VERSION_COMMENT, comment == null ? "" : comment);
            traits = new BackendTraits(version, version.toLowerCase().contains("mariadb"), rs.getLong(2), Map.copyOf(values));
        }
    }

    /** Connections in use and idle, for COM_STATISTICS and tests. */
    public int activeConnections() {
        HikariDataSource f = foundRows;
        return changedRows.getHikariPoolMXBean() == null ? 0 : changedRows.getHikariPoolMXBean().getActiveConnections()
                + (f == null || f.getHikariPoolMXBean() == null ? 0 : f.getHikariPoolMXBean().getActiveConnections());
    }

    @Override
    public void close() {
        HikariDataSource f = foundRows;
        if (f != null) {
            f.close();
        }
        changedRows.close();
    }
}
