package io.dbmesh.proxy.server;

import io.dbmesh.proxy.auth.AuthAbortedException;
import io.dbmesh.proxy.auth.AuthExchange;
import io.dbmesh.proxy.auth.AuthPlugin;
import io.dbmesh.proxy.auth.LoginThrottle;
import io.dbmesh.proxy.auth.MysqlNativePassword;
import io.dbmesh.proxy.codec.Frame;
import io.dbmesh.proxy.config.UserConfig;
import io.dbmesh.proxy.logging.RepeatLimitedLog;
import io.dbmesh.proxy.packet.AuthMoreData;
import io.dbmesh.proxy.packet.AuthSwitchRequest;
import io.dbmesh.proxy.packet.AuthSwitchResponse;
import io.dbmesh.proxy.packet.ErrorCodes;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;

/**
 * Checks a client's credentials against the configured users, for the handshake and for
 * COM_CHANGE_USER alike: switches the client to the user's plugin when it answered with another
 * one (AuthSwitchRequest), then lets the plugin run its rounds over this connection.
 */
final class Authenticator implements AuthExchange {
    private static final Logger log = LoggerFactory.getLogger(Authenticator.class);
    /** ER_HOST_IS_BLOCKED */
    static final int ER_HOST_IS_BLOCKED = 1129;
    /**
     * Each failed login is logged once, with its counts (the throttle bounds how many there can be);
     * refusals of a blocked address or user, which cost the client nothing, at most once a second
     * each with a "(repeated N times)" count, see {@link RepeatLimitedLog}.
     */
    private static final RepeatLimitedLog refused = new RepeatLimitedLog(log, 1000);
    private final ClientConnection connection;
    private final boolean unprefixedMoreData;

    /**
     * @param clientAttributes the CONNECT_ATTRS of the client: MySQL Connector/J ("_client_name")
     *                         reads AuthMoreData the pre-5.5.16 way, see {@link AuthMoreData}
     */
    Authenticator(ClientConnection connection, Map<String, String> clientAttributes) {
        this.connection = connection;
        this.unprefixedMoreData = "MySQL Connector/J".equals(clientAttributes.get("_client_name"))
                && connection.server.version.announced().startsWith("5.5.5-");
    }

    /**
     * @param clientPlugin    the plugin the client's response was computed with (null = native)
     * @param canSwitchPlugin the client negotiated PLUGIN_AUTH
     * @return the user when authenticated; empty after sending ER_ACCESS_DENIED_ERROR
     */
    Optional<UserConfig> authenticate(String userName, String clientPlugin, boolean canSwitchPlugin,
                                      byte[] response, byte[] scramble) {
        boolean usedPassword = response.length > 0;
        String host = connection.host();
        LoginThrottle throttle = connection.server.loginThrottle;
        switch (throttle.before(host, userName)) {
            case LoginThrottle.Verdict.Blocked b -> {
                refused.warn(b.byUser() ? "blocked-user" : "blocked-host", "connection " + connection.id()
                        + ": login of '" + RepeatLimitedLog.quote(userName) + "' from " + host + " refused: " + (b.byUser() ? "user" : "address")
                        + " blocked after " + b.failures() + " failed logins for " + b.remaining().toSeconds() + " s more");
                if (b.byUser()) {
                    connection.sendError(ErrorCodes.ER_ACCESS_DENIED_ERROR, "28000", "Access denied for user '" + userName
                            + "'@'" + host + "' (dbmesh: too many failed logins for this user; try again in "
                            + Math.max(1, b.remaining().toSeconds()) + " s)");
                } else {
                    connection.sendError(ER_HOST_IS_BLOCKED, "HY000", "Host '" + host + "' is blocked because of many"
                            + " connection errors (dbmesh: " + b.failures() + " failed logins; unblocked in "
                            + Math.max(1, b.remaining().toSeconds()) + " s)");
                }
                return Optional.empty();
            }
            case LoginThrottle.Verdict.Delay d -> pause(throttle, d.delay());
            case LoginThrottle.Verdict.Proceed p -> { }
        }
        Optional<UserConfig> user = connection.server.config.user(userName);
        boolean ok = false;
        if (user.isPresent()) {
            try {
                ok = check(user.get(), clientPlugin == null ? MysqlNativePassword.NAME : clientPlugin,
                        canSwitchPlugin, response, scramble);
            } catch (AuthAbortedException e) {
                throw new ClientGoneException("authentication aborted: " + e.getMessage());
            }
        }
        if (!ok) {
            LoginThrottle.Counts counts = throttle.failed(host, userName);
            log.warn("connection {}: access denied for '{}'@'{}' ({}; failed logins in a row: {} from this address, {} for"
                    + " this user)", connection.id(), RepeatLimitedLog.quote(userName), host, user.isPresent() ? "wrong password" : "unknown user",
                    counts.address(), counts.user());
            connection.sendError(ErrorCodes.ER_ACCESS_DENIED_ERROR, "28000", "Access denied for user '" + userName
                    + "'@'" + connection.host() + "' (using password: " + (usedPassword ? "YES" : "NO") + ")");
            return Optional.empty();
        }
        throttle.succeeded(host, userName);
        return user;
    }

    /** The growing delay of limits.failed_logins: this connection's thread waits, nothing else does. */
    private void pause(LoginThrottle throttle, java.time.Duration delay) {
        try {
            throttle.pause(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientGoneException("interrupted while delaying a login");
        }
    }

    private boolean check(UserConfig user, String clientPlugin, boolean canSwitchPlugin, byte[] response,
                          byte[] scramble) throws AuthAbortedException {
        AuthPlugin plugin = connection.server.authPlugins.forUser(user.authPlugin());
        if (!plugin.name().equals(clientPlugin)) {
            if (!canSwitchPlugin) return false;
            connection.writer.write(new AuthSwitchRequest(plugin.name(), scramble), 0);
            connection.writer.flush();
            response = read();
        }
        return plugin.authenticate(user.name(), user.password(), scramble, response, this);
    }

    @Override
    public void sendMoreData(byte[] data) {
        connection.writer.write(new AuthMoreData(data, unprefixedMoreData), 0);
        connection.writer.flush();
    }

    @Override
    public byte[] read() {
        Frame f = connection.nextFrame(connection.writer.nextSequenceId());
        try {
            return AuthSwitchResponse.decode(f.payload()).data();
        } finally {
            f.release();
        }
    }

    @Override
    public boolean secure() {
        return connection.tls();
    }
}
