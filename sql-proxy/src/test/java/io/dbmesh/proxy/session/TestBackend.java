package io.dbmesh.proxy.session;

import io.dbmesh.proxy.backend.BackendRegistry;
import io.dbmesh.proxy.command.ClientInfo;
import io.dbmesh.proxy.command.CommandHandler;
import io.dbmesh.core.error.MySqlException;
import io.dbmesh.proxy.config.DataSourceConfig;
import io.dbmesh.proxy.config.DbmeshConfig;
import io.dbmesh.proxy.config.ListenerConfig;
import io.dbmesh.proxy.config.LogicalDatabaseConfig;
import io.dbmesh.proxy.config.TlsConfig;
import io.dbmesh.proxy.config.UserConfig;

import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The real MariaDB at 127.0.0.1:3306 behind a registry and session factory, as the sidecar would
 * build them: logical database "app" → data source "ds0" → physical schema "exec_app" (names differ
 * on purpose), and "other" → "ds1" → "exec_other".
 */
final class TestBackend implements AutoCloseable {

    static final String HOST = System.getProperty("dbmesh.test.mariadb", "127.0.0.1:3306");
    static final int CLIENT_PROTOCOL_41 = 1 << 9;
    static final int CLIENT_MULTI_STATEMENTS = 1 << 16;
    static final int CLIENT_FOUND_ROWS = 1 << 1;

    private static final AtomicLong IDS = new AtomicLong(1);

    final DbmeshConfig config;
    final BackendRegistry registry;
    final SessionFactory factory;

    TestBackend(int poolSize) {
        this(poolSize, 64L * 1024 * 1024);
    }

    TestBackend(int poolSize, long maxAllowedPacket) {
        DataSourceConfig.PoolConfig pool = new DataSourceConfig.PoolConfig(poolSize, 0, Duration.ofSeconds(5),
                Duration.ofMinutes(10), Duration.ofMinutes(30));
        Map<String, DataSourceConfig> ds = new LinkedHashMap<>();
        ds.put("ds0", new DataSourceConfig("ds0", "jdbc:mariadb://" + HOST + "/exec_app", "root", "", pool));
        ds.put("ds1", new DataSourceConfig("ds1", "jdbc:mysql://" + HOST + "/exec_other", "root", "", pool));
        Map<String, LogicalDatabaseConfig> dbs = new LinkedHashMap<>();
        dbs.put("app", new LogicalDatabaseConfig("app", "ds0"));
        dbs.put("other", new LogicalDatabaseConfig("other", "ds1"));
        config = new DbmeshConfig(new ListenerConfig("127.0.0.1", 0, 100, maxAllowedPacket, ListenerConfig.DEFAULT_VERSION),
                new TlsConfig(false, null, null, false),
                List.of(new UserConfig("root", "", Set.of("*"), "mysql_native_password", true),
                        new UserConfig("app_only", "", Set.of("app"), "mysql_native_password")),
                ds, dbs);
        registry = BackendRegistry.open(config);
        factory = new SessionFactory(config, registry);
    }

    static void createSchemas() throws SQLException {
        try (Connection c = direct(null); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE IF NOT EXISTS exec_app");
            st.execute("CREATE DATABASE IF NOT EXISTS exec_other");
        }
    }

    static Connection direct(String schema) throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://" + HOST + "/" + (schema == null ? "" : schema), "root", "");
    }

    SessionCommandHandler open(String database) throws MySqlException {
        return open("root", database, CLIENT_PROTOCOL_41 | CLIENT_MULTI_STATEMENTS);
    }

    SessionCommandHandler open(String user, String database, int capabilities) throws MySqlException {
        CommandHandler h = factory.open(new ClientInfo(IDS.getAndIncrement(), user, database, capabilities, 45,
                Map.of(), new InetSocketAddress("127.0.0.1", 40000), false));
        return (SessionCommandHandler) h;
    }

    @Override
    public void close() {
        registry.close();
    }
}
