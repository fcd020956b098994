package io.dbmesh.proxy;

import io.dbmesh.proxy.config.DataSourceConfig;
import io.dbmesh.proxy.config.DbmeshConfig;
import io.dbmesh.proxy.config.JdbcUrl;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the physical database of every data source when it is missing, so a fresh backend
 * (quickstart, a new shard) works without a manual {@code CREATE DATABASE}. Runs before the pools
 * open, because a pool's first connection names the database. All data sources are handled at once
 * (start-up time is the sum of the slowest, not of all).
 */
final class PhysicalDatabases {
    private static final Logger log = LoggerFactory.getLogger(PhysicalDatabases.class);

    private PhysicalDatabases() {
    }

    /**
     * @return the data sources that could not be checked (logged; the sidecar still starts, so a
     *         backend that comes up later is used once it answers)
     */
    static List<String> ensureExist(DbmeshConfig config) {
        List<String> unreachable = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> results = new ArrayList<>();
            for (DataSourceConfig ds : config.dataSources().values()) {
                results.add(executor.submit(() -> ensureExists(ds)));
            }
            for (Future<String> result : results) {
                try {
                    String failed = result.get();
                    if (failed != null) {
                        unreachable.add(failed);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return unreachable;
    }

    /** @return the data source's name when it could not be reached, else null */
    private static String ensureExists(DataSourceConfig ds) {
        JdbcUrl url = ds.jdbcUrl();
        Properties props = new Properties();
        props.setProperty("user", ds.user());
        props.setProperty("password", ds.password());
        props.setProperty("connectTimeout", Long.toString(Math.min(ds.pool().connectionTimeout().toMillis(), 5000)));
        String serverUrl = url.serverUrl().replaceFirst("^jdbc:mysql:", "jdbc:mariadb:");
        try (Connection c = DriverManager.getConnection(serverUrl, props); Statement s = c.createStatement()) {
            int created = s.executeUpdate("CREATE DATABASE IF NOT EXISTS `" + url.database().replace("`", "``") + "`");
            if (created > 0) {
                log.info("created database {} on data source {}", url.database(), ds.name());
            }
            return null;
        } catch (SQLException e) {
            log.warn("could not make sure database {} exists on data source {} ({}): {}", url.database(), ds.name(), url, e.getMessage());
            return ds.name();
        }
    }
}
