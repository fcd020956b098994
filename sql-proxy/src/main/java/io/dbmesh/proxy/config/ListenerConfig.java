package io.dbmesh.proxy.config;

/**
 * Where and how the MySQL protocol server listens.
 *
 * @param maxAllowedPacket largest client packet payload accepted (bytes); larger gets ER_NET_PACKET_TOO_LARGE
 * @param serverVersion    the version string announced in the handshake and by SELECT VERSION()
 */
public record ListenerConfig(String host, int port, int maxConnections, long maxAllowedPacket,
                             String serverVersion) {
    public static final String DEFAULT_VERSION = "10.11.0-dbmesh";
}
