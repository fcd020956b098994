package io.dbmesh.proxy.command;

import java.net.SocketAddress;
import java.util.Map;

/**
 * What the handshake learned about an authenticated client.
 *
 * @param database     schema from CONNECT_WITH_DB, or null
 * @param capabilities the negotiated capability flags (client ∩ server)
 * @param collation    the collation id the client asked for in the handshake response
 * @param attributes   CONNECT_ATTRS key/values (empty when not sent)
 */
public record ClientInfo(long connectionId, String user, String database, int capabilities, int collation,
                         Map<String, String> attributes, SocketAddress remoteAddress, boolean tls) {
}
