package io.dbmesh.it.differential;

import io.dbmesh.proxy.backend.BackendRegistry;
import io.dbmesh.proxy.config.ConfigLoader;
import io.dbmesh.proxy.config.DbmeshConfig;
import io.dbmesh.proxy.config.EnvSubstitution;
import io.dbmesh.proxy.config.ListenerConfig;
import io.dbmesh.proxy.server.ProxyServer;
import io.dbmesh.proxy.session.SessionFactory;

import java.util.Map;

/**
 * The sidecar started in this JVM from a shipped config, with the config's {@code ${VAR:…}}
 * references answered from {@code variables} (so the harness points data sources at its own
 * physical databases) and the listener on an ephemeral port.
 */
final class DiffSidecar implements AutoCloseable {
    private final BackendRegistry backends;
    private final ProxyServer server;
    private final int port;

    private DiffSidecar(BackendRegistry backends, ProxyServer server, int port) {
        this.backends = backends;
        this.server = server;
        this.port = port;
    }

    static DiffSidecar start(String configResource, Map<String, String> variables) {
        DbmeshConfig loaded = new ConfigLoader(new EnvSubstitution(name -> variables.getOrDefault(name, System.getenv(name))))
                .loadResource(configResource);
        ListenerConfig l = loaded.listener();
        DbmeshConfig config = new DbmeshConfig(new ListenerConfig("127.0.0.1", 0, l.maxConnections(), l.maxAllowedPacket(),
                l.serverVersion()), loaded.tls(), loaded.users(), loaded.dataSources(), loaded.databases(),
                loaded.replicaGroups());
        BackendRegistry backends = BackendRegistry.open(config);
        ProxyServer server = new ProxyServer(config, new SessionFactory(config, backends));
        try {
            return new DiffSidecar(backends, server, server.start());
        } catch (InterruptedException | RuntimeException e) {
            server.close();
            backends.close();
            throw new IllegalStateException("the sidecar did not start from " + configResource + ": " + e.getMessage(), e);
        }
    }

    /** Connector/J URL of a logical database through this sidecar. */
    String jdbcUrl(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
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
