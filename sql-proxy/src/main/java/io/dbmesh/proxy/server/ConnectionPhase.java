package io.dbmesh.proxy.server;

import io.dbmesh.mesh.telemetry.RefusalReason;
import io.dbmesh.proxy.auth.Scramble;
import io.dbmesh.proxy.command.ClientInfo;
import io.dbmesh.proxy.command.CommandHandler;
import io.dbmesh.core.error.MySqlException;
import io.dbmesh.proxy.codec.Frame;
import io.dbmesh.proxy.config.UserConfig;
import io.dbmesh.proxy.packet.Capabilities;
import io.dbmesh.proxy.packet.ClientPacket;
import io.dbmesh.proxy.packet.ErrorCodes;
import io.dbmesh.proxy.packet.HandshakeResponse41;
import io.dbmesh.proxy.packet.HandshakeV10;
import io.dbmesh.proxy.packet.MalformedPacketException;
import io.dbmesh.proxy.packet.OkPacket;
import io.dbmesh.proxy.packet.ServerStatus;
import io.dbmesh.proxy.packet.SslRequest;

import java.util.Optional;

/**
 * The connection phase: greeting, optional switch to TLS, authentication, then opening the
 * execution side for the client. Runs on the connection's command thread as plain sequential code.
 */
final class ConnectionPhase {
    /** utf8mb4_general_ci: the collation announced in the greeting. */
    static final int SERVER_COLLATION = 45;

    /**
     * An authenticated client with its open command handler.
     *
     * @param mariadbCapabilities the MariaDB extended capabilities both sides agreed on
     */
    record Session(ClientInfo client, CommandHandler handler, byte[] scramble, int mariadbCapabilities) {
    }

    private final ClientConnection connection;

    ConnectionPhase(ClientConnection connection) {
        this.connection = connection;
    }

    /** @return the session, or null when the client was refused (an ERR was sent) */
    Session run() {
        ServerContext server = connection.server;
        byte[] scramble = Scramble.generate(server.random);
        connection.writer.startSequence(0);
        connection.writer.write(new HandshakeV10(server.version.announced(), connection.id(), scramble, server.capabilities,
                Capabilities.MARIADB_SERVER_DEFAULT, SERVER_COLLATION, ServerStatus.AUTOCOMMIT, server.defaultAuthPlugin), 0);
        connection.writer.flush();

        ClientPacket first = decode(connection.nextFrame(1));
        if (first == null) return null;
        if (first instanceof SslRequest) {
            if (server.tls == null) return badHandshake("SSL is not enabled on this server");
            connection.startTls();
            first = decode(connection.nextFrame(2));
            if (first == null) return null;
            if (!(first instanceof HandshakeResponse41)) return badHandshake("second SSLRequest");
        } else {
            connection.resumeFrames();
            if (server.tlsRequired()) {
                server.telemetry.sessionRefused(RefusalReason.TLS_REQUIRED, response(first), connection.host());
                connection.sendError(ErrorCodes.ER_SECURE_TRANSPORT_REQUIRED, "HY000",
                        "Connections using insecure transport are prohibited: dbmesh requires TLS (tls.required)");
                return null;
            }
        }
        HandshakeResponse41 response = (HandshakeResponse41) first;
        int capabilities = response.capabilities() & server.capabilities;

        Optional<UserConfig> user = new Authenticator(connection, response.attributes()).authenticate(response.user(),
                response.authPluginName(), Capabilities.has(capabilities, Capabilities.PLUGIN_AUTH),
                response.authResponse(), scramble);
        server.telemetry.login(response.user(), connection.host(), user.isPresent());
        if (user.isEmpty()) {
            server.telemetry.sessionRefused(RefusalReason.AUTHENTICATION, response.user(), connection.host());
            return null;
        }

        ClientInfo client = new ClientInfo(connection.id(), response.user(), response.database(), capabilities,
                response.collation(), response.attributes(), connection.channel.remoteAddress(), connection.tls());
        CommandHandler handler = open(client);
        if (handler == null) return null;
        try {
            connection.authenticated();
            OkPacket.write(connection.writer.begin(), false, 0, 0, handler.serverStatus(), 0, null);
            connection.writer.end();
            connection.writer.flush();
        } catch (RuntimeException e) {
            handler.close(); // the client went away before the session began: release it here
            throw e;
        }
        return new Session(client, handler, scramble, response.mariadbCapabilities() & Capabilities.MARIADB_SERVER_DEFAULT);
    }

    /** Opens the execution side; a refusal (unknown database, no grant) is sent as the ERR. */
    CommandHandler open(ClientInfo client) {
        try {
            return connection.server.factory.open(client);
        } catch (MySqlException e) {
            connection.server.telemetry.sessionRefused(RefusalReason.DATABASE, client.user(), connection.host());
            connection.sendError(e.errorCode(), e.sqlState(), e.getMessage());
            return null;
        } catch (RuntimeException e) {
            connection.sendError(ErrorCodes.ER_UNKNOWN_ERROR, "HY000", "cannot open session: " + e.getMessage());
            throw e;
        }
    }

    private ClientPacket decode(Frame frame) {
        try {
            return HandshakeResponse41.decode(frame.payload());
        } catch (MalformedPacketException | IndexOutOfBoundsException e) {
            badHandshake(e.getMessage());
            return null;
        } finally {
            frame.release();
        }
    }

    private static String response(ClientPacket first) {
        return first instanceof HandshakeResponse41 r ? r.user() : null;
    }

    private Session badHandshake(String why) {
        connection.server.telemetry.sessionRefused(RefusalReason.HANDSHAKE, null, connection.host());
        connection.sendError(ErrorCodes.ER_HANDSHAKE_ERROR, "08S01", "Bad handshake: " + why);
        return null;
    }
}
