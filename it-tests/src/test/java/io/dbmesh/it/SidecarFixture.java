package io.dbmesh.it;

import io.dbmesh.proxy.auth.LoginClock;
import io.dbmesh.mesh.telemetry.TelemetryConfig;
import io.dbmesh.proxy.Sidecar;
import io.dbmesh.proxy.config.ConfigLoader;
import io.dbmesh.proxy.config.DataSourceConfig;
import io.dbmesh.proxy.config.DbmeshConfig;
import io.dbmesh.proxy.config.EnvSubstitution;
import io.dbmesh.proxy.config.ListenerConfig;
import io.dbmesh.proxy.config.LogicalDatabaseConfig;
import io.dbmesh.proxy.config.TlsConfig;
import io.dbmesh.proxy.config.UserConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sidecar running in the test JVM on an ephemeral port (never 3307), from a {@link DbmeshConfig}
 * or YAML text, exactly as {@code dbmesh start} wires it ({@link Sidecar}). Close it to stop it.
 *
 * <pre>{@code
 * MariaDbInstance db = MariaDbServers.shared();
 * db.recreateDatabase("it_demo");
 * try (SidecarFixture sidecar = SidecarFixture.passthrough(db, "it_demo", "demo")) {
 *     try (Connection c = sidecar.connect("demo")) { ... }
 * }
 * }</pre>
 */
public final class SidecarFixture implements AutoCloseable {
    private final Sidecar sidecar;

    private SidecarFixture(Sidecar sidecar) {
        this.sidecar = sidecar;
    }

    /** Starts {@code config} with its listener moved to a free port on 127.0.0.1. */
    public static SidecarFixture start(DbmeshConfig config) {
        return start(config, LoginClock.SYSTEM);
    }

    /** As {@link #start(DbmeshConfig)}, with failed logins timed (and their delays waited) on {@code loginClock}. */
    public static SidecarFixture start(DbmeshConfig config, LoginClock loginClock) {
        ListenerConfig l = config.listener();
        ListenerConfig ephemeral = new ListenerConfig("127.0.0.1", 0, l.maxConnections(), l.maxAllowedPacket(), l.serverVersion());
        TelemetryConfig.Admin a = config.telemetry().admin(); // admin endpoint, if on, on a free port too
        TelemetryConfig telemetry = config.telemetry().withAdmin(new TelemetryConfig.Admin(a.enabled(), "127.0.0.1", 0, a.token()));
        return new SidecarFixture(Sidecar.start(new DbmeshConfig(ephemeral, config.tls(), config.users(),
                config.dataSources(), config.databases(), config.replicaGroups(), telemetry, config.limits()), loginClock));
    }

    /** Starts a config written as YAML; {@code env} answers its {@code ${VARS}} (nothing else does). */
    public static SidecarFixture fromYaml(String yaml, Map<String, String> env) {
        return fromYaml(yaml, env, LoginClock.SYSTEM);
    }

    /** As {@link #fromYaml(String, Map)}, with failed logins timed on {@code loginClock}. */
    public static SidecarFixture fromYaml(String yaml, Map<String, String> env, LoginClock loginClock) {
        DbmeshConfig config = new ConfigLoader(new EnvSubstitution(env::get)).parse(yaml, "test-config.yaml", Path.of("."));
        return start(config, loginClock);
    }

    /** Starts a YAML config file (relative TLS paths resolve against its directory). */
    public static SidecarFixture fromFile(Path file, Map<String, String> env) {
        return start(new ConfigLoader(new EnvSubstitution(env::get)).loadFile(file));
    }

    /**
     * The common case: logical database {@code logical} served by {@code physical} on
     * {@code backend}; user root with an empty password may use everything (an admin); no TLS.
     */
    public static SidecarFixture passthrough(MariaDbInstance backend, String physical, String logical) {
        return start(passthroughConfig(backend, physical, logical, List.of(new UserConfig("root", "", Set.of("*"),
                "mysql_native_password", true))));
    }

    /** The passthrough config with the given users (to test passwords and grants). */
    public static DbmeshConfig passthroughConfig(MariaDbInstance backend, String physical, String logical, List<UserConfig> users) {
        DataSourceConfig ds = new DataSourceConfig("ds0", backend.jdbcUrl(physical), backend.user(), backend.password(),
                DataSourceConfig.PoolConfig.DEFAULT);
        return new DbmeshConfig(new ListenerConfig("127.0.0.1", 0, 1024, 64L << 20, null),
                new TlsConfig(false, null, null, false), users, Map.of("ds0", ds),
                Map.of(logical, new LogicalDatabaseConfig(logical, "ds0")));
    }

    /** The admin endpoint's base URL, e.g. http://127.0.0.1:41234 (the config must turn it on). */
    public String adminUrl() {
        if (sidecar.adminPort() < 0) throw new IllegalStateException("the admin endpoint is off in this config");
        return "http://127.0.0.1:" + sidecar.adminPort();
    }

    public Sidecar sidecar() {
        return sidecar;
    }

    public int port() {
        return sidecar.port();
    }

    /** MariaDB Connector/J URL for {@code database} through the sidecar; append options with {@code ?}. */
    public String mariadbUrl(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port() + "/" + database;
    }

    /** MySQL Connector/J URL for {@code database} through the sidecar; append options with {@code ?}. */
    public String mysqlUrl(String database) {
        return "jdbc:mysql://127.0.0.1:" + port() + "/" + database;
    }

    /** A MariaDB Connector/J connection as root (empty password). */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(mariadbUrl(database), "root", "");
    }

    @Override
    public void close() {
        sidecar.close();
    }
}
