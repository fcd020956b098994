package io.dbmesh.proxy;

import io.dbmesh.proxy.backend.BackendRegistry;
import io.dbmesh.proxy.config.DbmeshConfig;
import io.dbmesh.proxy.server.ProxyServer;
import io.dbmesh.proxy.session.SessionFactory;

/**
 * The whole sidecar, wired in the order data flows backwards: physical databases exist →
 * backend pools → sessions → the protocol server accepting clients. {@link #close()} undoes it in
 * reverse, so no client is accepted whose session could not reach a pool, and no pool closes under
 * a live session. Used by the CLI, quickstart and the end-to-end tests alike.
 */
public final class Sidecar implements AutoCloseable {
    private final DbmeshConfig config;
    private final BackendRegistry backends;
    private final ProxyServer server;
    private final int port;

    private Sidecar(DbmeshConfig config, BackendRegistry backends, ProxyServer server, int port) {
        this.config = config;
        this.backends = backends;
        this.server = server;
        this.port = port;
    }

    /** Starts everything and returns once the listener accepts connections. */
    public static Sidecar start(DbmeshConfig config) {
        PhysicalDatabases.ensureExist(config);
        BackendRegistry backends = BackendRegistry.open(config);
        ProxyServer server = null;
        try {
            server = new ProxyServer(config, new SessionFactory(config, backends));
            int port = server.start();
            return new Sidecar(config, backends, server, port);
        } catch (Exception | Error e) {
            // Netty rethrows bind failures (a checked BindException) undeclared: catch everything.
            if (server != null) {
                server.close();
            }
            backends.close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (e instanceof java.net.BindException || e.getCause() instanceof java.net.BindException) {
                throw new IllegalStateException("cannot listen on " + config.listener().host() + ":"
                        + config.listener().port(), e);
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            if (e instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("start-up failed: " + e.getMessage(), e);
        }
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

    /** A Connector/J URL for a logical database through this sidecar. */
    public String jdbcUrl(String database) {
        return "jdbc:mariadb://" + host() + ":" + port + "/" + database;
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            backends.close();
        }
    }
}
