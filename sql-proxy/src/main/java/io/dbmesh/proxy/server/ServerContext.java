package io.dbmesh.proxy.server;

import io.dbmesh.mesh.telemetry.Telemetry;
import io.dbmesh.proxy.command.AdvertisedVersion;
import io.dbmesh.proxy.auth.AuthPlugins;
import io.dbmesh.proxy.auth.LoginClock;
import io.dbmesh.proxy.auth.LoginThrottle;
import io.dbmesh.proxy.auth.MysqlNativePassword;
import io.dbmesh.proxy.command.CommandHandlerFactory;
import io.dbmesh.proxy.config.DbmeshConfig;
import io.dbmesh.proxy.config.UserConfig;
import io.dbmesh.proxy.packet.Capabilities;
import io.dbmesh.proxy.tls.ServerTls;

import java.security.SecureRandom;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** What every connection of one {@link ProxyServer} shares. Passed explicitly, never global. */
final class ServerContext {
    final DbmeshConfig config;
    final CommandHandlerFactory factory;
    /** null when TLS is disabled. */
    final ServerTls tls;
    final AuthPlugins authPlugins;
    /** Handshake and VERSION() agree: the execution side's version (learned from the backend) when it has one. */
    final AdvertisedVersion version;
    final int capabilities;
    final String defaultAuthPlugin;
    final SecureRandom random = new SecureRandom();
    final CommandThreads commandThreads;
    /** Refused connections and logins are reported here (Telemetry.NONE when off). */
    final Telemetry telemetry;
    /** Failed logins per client address and user: delays and blocks (limits.failed_logins). */
    final LoginThrottle loginThrottle;
    private final AtomicLong connectionIds = new AtomicLong();
    private final AtomicInteger openConnections = new AtomicInteger();
    /** Connections whose command thread runs, for a graceful close. */
    final Set<ClientConnection> connections = ConcurrentHashMap.newKeySet();
    /** Set by ProxyServer.close: connections end after their current command. */
    volatile boolean closing;

    ServerContext(DbmeshConfig config, CommandHandlerFactory factory, ServerTls tls, AuthPlugins authPlugins,
                  CommandThreads commandThreads, Telemetry telemetry, LoginClock loginClock) {
        this.config = config;
        this.telemetry = telemetry;
        this.commandThreads = commandThreads;
        this.loginThrottle = new LoginThrottle(config.limits().failedLogins(), loginClock);
        this.factory = factory;
        this.tls = tls;
        this.authPlugins = authPlugins;
        this.version = factory.version() != null ? factory.version() : AdvertisedVersion.configured(config.listener().serverVersion());
        this.capabilities = Capabilities.SERVER_DEFAULT | (tls != null ? Capabilities.SSL : 0);
        this.defaultAuthPlugin = mostUsedPlugin(config);
    }

    boolean tlsRequired() {
        return tls != null && config.tls().required();
    }

    long nextConnectionId() {
        return connectionIds.incrementAndGet();
    }

    /** Counts a new connection; false (and not counted) when max_connections is reached. */
    boolean admit() {
        int max = config.listener().maxConnections();
        while (true) {
            int n = openConnections.get();
            if (max > 0 && n >= max) return false;
            if (openConnections.compareAndSet(n, n + 1)) return true;
        }
    }

    void release() {
        openConnections.decrementAndGet();
    }

    /**
     * The plugin announced in the greeting, before the server knows the user: the one most users
     * are configured with, so most clients answer with the right plugin and skip an auth switch.
     */
    private static String mostUsedPlugin(DbmeshConfig config) {
        long sha2 = config.users().stream().map(UserConfig::authPlugin)
                .filter(p -> "caching_sha2_password".equals(p)).count();
        return sha2 * 2 > config.users().size() ? "caching_sha2_password" : MysqlNativePassword.NAME;
    }
}
