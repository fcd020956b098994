package io.dbmesh.proxy;

import io.dbmesh.proxy.auth.LoginClock;
import io.dbmesh.proxy.backend.BackendConnection;
import io.dbmesh.proxy.backend.RowCountMode;
import io.dbmesh.proxy.command.AdvertisedVersion;

import io.dbmesh.proxy.backend.BackendRegistry;
import io.dbmesh.proxy.backend.DataSourceHealth;
import io.dbmesh.proxy.backend.DataSourcePool;
import io.dbmesh.proxy.backend.AccessIntent;
import io.dbmesh.proxy.backend.LoopSocketFactory;
import io.dbmesh.proxy.backend.PoolSelector;
import io.dbmesh.proxy.backend.replica.ReplicaGroups;
import io.dbmesh.proxy.backend.replica.ReplicaPoolSelector;
import io.dbmesh.proxy.backend.replica.ReplicaSession;
import io.dbmesh.proxy.backend.replica.ReplicaStateListener;
import io.dbmesh.proxy.config.DbmeshConfig;
import io.dbmesh.proxy.loop.IoLoops;
import io.dbmesh.proxy.server.ProxyServer;
import io.dbmesh.proxy.session.SessionFactory;
import io.dbmesh.mesh.admin.AdminEndpoints;
import io.dbmesh.mesh.admin.AdminServer;
import io.dbmesh.mesh.admin.Readiness;
import io.dbmesh.mesh.metrics.MeshMetrics;
import io.dbmesh.mesh.MeshTelemetry;
import io.dbmesh.mesh.telemetry.Telemetry;
import io.dbmesh.mesh.telemetry.TelemetryConfig;
import io.dbmesh.proxy.telemetry.ConfigView;
import io.dbmesh.proxy.telemetry.PrimaryProbes;
import io.dbmesh.proxy.telemetry.ReplicaTelemetry;
import java.io.IOException;
import java.net.BindException;
import java.time.Duration;
import java.time.Instant;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The whole sidecar: physical databases exist → backend pools → sessions → the protocol server
 * accepting clients. {@link #close()} undoes it in reverse, so no pool closes under a live session.
 * Used by the CLI, quickstart and the end-to-end tests alike.
 *
 * <p>Start-up is the sum of what is on its critical path, so the backend side (a JDBC round trip
 * per data source to create missing databases, then the pools) runs on its own thread while the
 * listener boots; a client that connects in between simply waits for the pools in
 * {@link PoolSelector#select}. {@link #start} returns when both sides are ready.
 */
public final class Sidecar implements AutoCloseable {
    private final DbmeshConfig config;
    private final Backends backends;
    private final ProxyServer server;
    private final IoLoops loops;
    private final int port;
    private final Telemetry telemetry;
    /** null when the admin endpoint is off */
    private final Admin admin;
    private final SessionFactory sessions;

    private Sidecar(DbmeshConfig config, Backends backends, ProxyServer server, IoLoops loops, int port,
                    Telemetry telemetry, Admin admin, SessionFactory sessions) {
        this.config = config;
        this.backends = backends;
        this.server = server;
        this.loops = loops;
        this.port = port;
        this.telemetry = telemetry;
        this.admin = admin;
        this.sessions = sessions;
    }

    /**
     * The admin HTTP endpoint and the primary probes behind its {@code /ready}. {@code /ready}
     * needs: the config loaded (it is, or there would be no sidecar), the listener accepting, and
     * every data source's primary answering its last probe.
     */
    private record Admin(AdminServer http, PrimaryProbes probes) implements AutoCloseable {
        static Admin start(DbmeshConfig config, Telemetry telemetry, ProxyServer server) {
            PrimaryProbes probes = PrimaryProbes.start(config, telemetry, Duration.ofSeconds(1), Duration.ofSeconds(2));
            String configJson = new ConfigView(config, Instant.now()).json();
            Readiness readiness = () -> {
                List<String> problems = new ArrayList<>();
                if (!server.accepting()) problems.add("listener is not accepting connections");
                problems.addAll(probes.problems());
                return problems;
            };
            MeshMetrics metrics = telemetry instanceof MeshTelemetry mesh ? mesh.metrics() : null;
            TelemetryConfig.Admin a = config.telemetry().admin();
            try {
                return new Admin(AdminServer.start(a, new AdminEndpoints(metrics, readiness, () -> configJson)), probes);
            } catch (IOException | RuntimeException e) {
                probes.close();
                throw new IllegalStateException("cannot listen on admin endpoint " + a.host() + ":" + a.port() + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                http.close();
            } finally {
                probes.close();
            }
        }
    }

    /**
     * The pools, and the replica groups over them when some data sources have replicas (their
     * health checker runs one probe round before the sidecar serves).
     */
    private record Backends(BackendRegistry registry, ReplicaGroups replicaGroups) implements AutoCloseable {
        static Backends open(DbmeshConfig config, IoLoops loops, Telemetry telemetry) {
            BackendRegistry registry = BackendRegistry.open(config, LoopSocketFactory.driverOptions(loops), telemetry.poolMetrics());
            if (config.replicaGroups().isEmpty()) {
                return new Backends(registry, null);
            }
            try {
                ReplicaStateListener listener = telemetry == Telemetry.NONE ? ReplicaStateListener.NONE : new ReplicaTelemetry(telemetry);
                return new Backends(registry, ReplicaGroups.open(config, registry, listener));
            } catch (RuntimeException e) {
                registry.close();
                throw e;
            }
        }

        List<DataSourcePool> pools() {
            List<DataSourcePool> all = new ArrayList<>(registry.pools());
            if (replicaGroups != null) all.addAll(replicaGroups.replicaPools());
            return all;
        }

        PoolSelector selector() {
            return replicaGroups != null ? replicaGroups : registry;
        }

        @Override
        public void close() {
            try {
                if (replicaGroups != null) replicaGroups.close();
            } finally {
                registry.close();
            }
        }
    }

    /** Starts everything and returns once the listener accepts connections and the pools exist. */
    public static Sidecar start(DbmeshConfig config) {
        return start(config, LoginClock.SYSTEM);
    }

    /** As {@link #start(DbmeshConfig)}, timing failed logins and their delays on {@code loginClock} (tests step their own). */
    public static Sidecar start(DbmeshConfig config, LoginClock loginClock) {
        // One set of event loops for clients, command threads and backend sockets (io.dbmesh.proxy.loop).
        IoLoops loops = IoLoops.start(ProxyServer.defaultIoThreads());
        // Telemetry: metrics, traces, digests, logs per the config; the no-op when all are off.
        Telemetry telemetry = config.telemetry().anyEnabled() ? new MeshTelemetry(config.telemetry()) : Telemetry.NONE;
        CompletableFuture<Backends> backends = CompletableFuture.supplyAsync(() -> {
            PhysicalDatabases.ensureExist(config);
            return Backends.open(config, loops, telemetry);
        }, task -> Thread.ofVirtual().name("dbmesh-backends").start(task));
        PoolSelector pools = new ReplicaPoolSelector() {
            @Override
            public DataSourcePool select(String dataSource, AccessIntent intent) throws SQLException {
                return awaitBackends(backends).selector().select(dataSource, intent);
            }

            @Override
            public ReplicaSession replicaSession() {
                try {
                    return ReplicaPoolSelector.sessionOf(awaitBackends(backends).selector());
                } catch (SQLException e) {
                    return null; // the session's first statement reports the failed start
                }
            }
        };
        // the transaction coordinator's counters go to telemetry too
        SessionFactory sessions = new SessionFactory(config, pools, telemetry, version(config, backends));
        ProxyServer server = new ProxyServer(config, sessions, loops, telemetry).loginClock(loginClock);
        Admin admin = null;
        try {
            if (hasShardedSchema(config)) {
                // The tables must exist before the first client: wait for the pools, run the DDL.
                backends.join();
                sessions.applyShardedSchemas();
            }
            if (config.databases().values().stream().anyMatch(db -> db.transactions().needsLog())) {
                // XA: the decision log exists and what a crashed sidecar left is resolved before clients come
                backends.join();
                sessions.startTransactions();
            }
            int port = server.start();
            Backends opened = backends.join();
            if (loops.loopThreads()) { // the backend sockets count their round trips only on the event loops
                for (DataSourcePool p : opened.pools()) telemetry.backendRoundTrips(p.name(), () -> loops.roundTrips(p.name()));
            }
            if (config.telemetry().admin().enabled()) admin = Admin.start(config, telemetry, server);
            return new Sidecar(config, opened, server, loops, port, telemetry, admin, sessions);
        } catch (Exception | Error e) {
            // Netty rethrows bind failures (a checked BindException) undeclared: catch everything.
            if (admin != null) admin.close();
            server.close();
            telemetry.close();
            sessions.closeTransactions();
            backends.whenComplete((opened, failure) -> {
                try {
                    if (opened != null) opened.close();
                } finally {
                    loops.close();
                }
            });
            throw startFailure(config, e);
        }
    }

    /**
     * listener.server_version when configured, else the first data source's server version
     * (asked on the backend thread, so the listener does not wait; a handshake does, briefly).
     */
    private static AdvertisedVersion version(DbmeshConfig config, CompletableFuture<Backends> backends) {
        if (config.listener().serverVersion() != null) return AdvertisedVersion.configured(config.listener().serverVersion());
        String first = config.dataSources().keySet().iterator().next();
        return AdvertisedVersion.ofBackend(backends.thenApplyAsync(b -> {
            try {
                BackendConnection c = b.registry().pool(first).acquire(RowCountMode.CHANGED);
                c.release();
                return c.pool().traits().version();
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        }, task -> Thread.ofVirtual().name("dbmesh-version").start(task)));
    }

    private static boolean hasShardedSchema(DbmeshConfig config) {
        return config.databases().values().stream().anyMatch(db -> db.sharded() && !db.sharding().schema().isEmpty());
    }

    private static Backends awaitBackends(CompletableFuture<Backends> backends) throws SQLException {
        try {
            return backends.join();
        } catch (CompletionException e) {
            throw new SQLException("backends failed to start: " + e.getCause().getMessage(), "08S01", e.getCause());
        }
    }

    private static RuntimeException startFailure(DbmeshConfig config, Throwable e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof BindException || cause.getCause() instanceof BindException) {
            return new IllegalStateException("cannot listen on " + config.listener().host() + ":" + config.listener().port(), cause);
        }
        if (cause instanceof RuntimeException r) {
            return r;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return new IllegalStateException("start-up failed: " + cause.getMessage(), cause);
    }

    public DbmeshConfig config() {
        return config;
    }

    public String host() {
        return config.listener().host();
    }

    /** The port actually bound (differs from the config's when that says 0). */
    public int port() {
        return port;
    }

    /**
     * Every backend pool: each data source's and each replica's. Tests use it to prove that no
     * path leaks a connection ({@link DataSourcePool#activeConnections()} back to 0).
     */
    public List<DataSourcePool> pools() {
        return backends.pools();
    }

    /**
     * Round trips the backend connections made so far, by data source (each read of a backend socket
     * after a write counts one; empty when backend sockets are not on the event loops). For tests
     * that prove a path saves round trips, and for the {@code dbmesh_backend_round_trips_total} metric.
     */
    public java.util.Map<String, Long> backendRoundTrips() {
        return loops.roundTrips();
    }

    /** The admin endpoint's bound port (differs from the config's when that says 0); -1 when it is off. */
    public int adminPort() {
        return admin == null ? -1 : admin.http().port();
    }

    /** The telemetry this sidecar reports to (Telemetry.NONE when off). */
    public Telemetry telemetry() {
        return telemetry;
    }

    /**
     * Up/down of every plain data source (replica groups have their own, see SHOW DBMESH REPLICAS):
     * statements to one that is down fail at once with 1429. For readiness checks and metrics.
     */
    public DataSourceHealth dataSourceHealth() {
        return backends.registry().health();
    }

    /** A Connector/J URL for a logical database through this sidecar. */
    public String jdbcUrl(String database) {
        return "jdbc:mariadb://" + host() + ":" + port + "/" + database;
    }

    @Override
    public void close() {
        try {
            if (admin != null) admin.close();
            server.close();
            sessions.closeTransactions();
        } finally {
            try {
                backends.close();
            } finally {
                try {
                    loops.close(); // the pools' sockets live on these loops
                } finally {
                    telemetry.close(); // last: flushes traces and logs of everything above
                }
            }
        }
    }
}
