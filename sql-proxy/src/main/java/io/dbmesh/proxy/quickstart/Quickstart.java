package io.dbmesh.proxy.quickstart;

import io.dbmesh.proxy.Sidecar;
import io.dbmesh.proxy.config.ConfigLoader;
import io.dbmesh.proxy.config.DataSourceConfig;
import io.dbmesh.proxy.config.DbmeshConfig;
import io.dbmesh.proxy.config.EnvSubstitution;
import io.dbmesh.proxy.config.JdbcUrl;
import io.dbmesh.proxy.config.ListenerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code dbmesh quickstart}: a shipped example config run on an embedded MariaDB. The example's data
 * sources keep their physical database names but are pointed at the embedded server (with the same
 * config records a user's file produces), the sidecar starts, and {@code quickstart/<example>.sql}
 * — when shipped — seeds demo data <em>through the sidecar</em>, so what the user then queries went
 * through the same path as their own statements will.
 */
public final class Quickstart implements AutoCloseable {
    private final EmbeddedMariaDb backend;
    private final Sidecar sidecar;
    private final String database;

    private Quickstart(EmbeddedMariaDb backend, Sidecar sidecar, String database) {
        this.backend = backend;
        this.sidecar = sidecar;
        this.database = database;
    }

    /**
     * @param example {@code demo} (= conf/examples/passthrough.yaml) or the name of another example
     * @param port    listener port, or null for the example's (3307); 0 picks a free one
     */
    public static Quickstart start(String example, Integer port) {
        String resource = "conf/examples/" + ("demo".equals(example) ? "passthrough" : example) + ".yaml";
        // Defaults only: quickstart must not follow a DS0_URL meant for the user's real backends.
        // The admin endpoint's port and token may be moved (9307 taken by another quickstart).
        DbmeshConfig shipped = new ConfigLoader(new EnvSubstitution(
                name -> name.startsWith("DBMESH_ADMIN_") ? System.getenv(name) : null)).loadResource(resource);
        EmbeddedMariaDb backend = EmbeddedMariaDb.start("quickstart");
        try {
            DbmeshConfig config = onEmbeddedBackend(shipped, backend, port);
            Sidecar sidecar = Sidecar.start(config);
            String database = config.databases().keySet().iterator().next();
            try {
                seed(example, sidecar, database);
            } catch (RuntimeException e) {
                sidecar.close();
                throw e;
            }
            return new Quickstart(backend, sidecar, database);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    /** The shipped config with every data source on the embedded server (root, no password). */
    static DbmeshConfig onEmbeddedBackend(DbmeshConfig shipped, EmbeddedMariaDb backend, Integer port) {
        Map<String, DataSourceConfig> dataSources = new LinkedHashMap<>();
        for (DataSourceConfig ds : shipped.dataSources().values()) {
            JdbcUrl url = ds.jdbcUrl();
            dataSources.put(ds.name(), new DataSourceConfig(ds.name(), backend.jdbcUrl(url.database()), "root", "", ds.pool()));
        }
        ListenerConfig l = shipped.listener();
        ListenerConfig listener = port == null ? l
                : new ListenerConfig(l.host(), port, l.maxConnections(), l.maxAllowedPacket(), l.serverVersion());
        // port 0 (tests) moves the admin endpoint to a free port too, so parallel quickstarts never collide on 9307
        var telemetry = port != null && port == 0
                ? shipped.telemetry().withAdmin(withPort(shipped.telemetry().admin(), 0)) : shipped.telemetry();
        return new DbmeshConfig(listener, shipped.tls(), shipped.users(), dataSources, shipped.databases(), Map.of(), telemetry,
                shipped.limits());
    }

    private static io.dbmesh.mesh.telemetry.TelemetryConfig.Admin withPort(io.dbmesh.mesh.telemetry.TelemetryConfig.Admin a, int port) {
        return new io.dbmesh.mesh.telemetry.TelemetryConfig.Admin(a.enabled(), a.host(), port, a.token());
    }

    private static void seed(String example, Sidecar sidecar, String database) {
        String script;
        try (InputStream in = Quickstart.class.getClassLoader().getResourceAsStream("quickstart/" + example + ".sql")) {
            if (in == null) {
                return;
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String user = sidecar.config().users().getFirst().name();
        String password = sidecar.config().users().getFirst().password();
        try (Connection c = DriverManager.getConnection(sidecar.jdbcUrl(database), user, password);
             Statement s = c.createStatement()) {
            for (String statement : script.split(";\\s*\\n")) {
                String sql = statement.strip();
                if (!sql.isEmpty() && !sql.lines().allMatch(line -> line.isBlank() || line.strip().startsWith("--"))) {
                    s.execute(sql);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("seeding the " + example + " schema through the sidecar failed: " + e.getMessage(), e);
        }
    }

    public Sidecar sidecar() {
        return sidecar;
    }

    public int backendPort() {
        return backend.port();
    }

    public void printHowToConnect(PrintStream out) {
        String user = sidecar.config().users().getFirst().name();
        out.println("  connect:  mariadb -h" + sidecar.host() + " -P" + sidecar.port() + " -u" + user + " " + database);
        out.println("  JDBC:     " + sidecar.jdbcUrl(database) + "?user=" + user
                + "   (MySQL Connector/J: jdbc:mysql://" + sidecar.host() + ":" + sidecar.port() + "/" + database + ")");
        if (sidecar.adminPort() > 0) {
            out.println("  admin:    curl http://" + sidecar.config().telemetry().admin().host() + ":" + sidecar.adminPort()
                    + "/metrics   (also /ready, /healthz, /config)");
        }
        out.println("  Ctrl-C stops the sidecar and the embedded MariaDB (its data is deleted).");
    }

    /** Stops the sidecar, then the backend it uses. */
    @Override
    public void close() {
        try {
            sidecar.close();
        } finally {
            backend.close();
        }
    }
}
