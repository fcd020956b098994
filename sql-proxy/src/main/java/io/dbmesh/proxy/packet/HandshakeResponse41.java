package io.dbmesh.proxy.packet;

import io.netty.buffer.ByteBuf;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * protocol::HandshakeResponse41 (also the shape that tells an SSLRequest apart: it is longer).
 *
 * @param mariadbCapabilities MariaDB's extended capabilities from the last 4 reserved bytes, 0 when
 *                            the client set LONG_PASSWORD (CLIENT_MYSQL: a MySQL client, the bytes are filler)
 */
public record HandshakeResponse41(int capabilities, int mariadbCapabilities, int maxPacketSize, int collation, String user,
                                  byte[] authResponse, String database, String authPluginName,
                                  Map<String, String> attributes) implements ClientPacket {

    /** Decodes either an SSLRequest (exactly 32 bytes with the SSL flag) or a full response. */
    public static ClientPacket decode(ByteBuf in) {
        if (in.readableBytes() == SslRequest.LENGTH && Capabilities.has(in.getIntLE(in.readerIndex()), Capabilities.SSL)) {
            return SslRequest.decode(in);
        }
        int caps = in.readIntLE();
        if (!Capabilities.has(caps, Capabilities.PROTOCOL_41)) {
            throw new MalformedPacketException("client does not support PROTOCOL_41 (pre-4.1 clients are not supported)");
        }
        int max = in.readIntLE();
        int collation = in.readUnsignedByte();
        in.skipBytes(19);
        int mariadb = in.readIntLE();
        if (Capabilities.has(caps, Capabilities.LONG_PASSWORD)) mariadb = 0;
        String user = Wire.readNulString(in);
        byte[] auth;
        if (Capabilities.has(caps, Capabilities.PLUGIN_AUTH_LENENC_CLIENT_DATA)) {
            auth = Wire.readLenencBytes(in);
        } else if (Capabilities.has(caps, Capabilities.SECURE_CONNECTION)) {
            auth = new byte[in.readUnsignedByte()];
            in.readBytes(auth);
        } else {
            auth = Wire.readNulBytes(in);
        }
        String database = null;
        if (Capabilities.has(caps, Capabilities.CONNECT_WITH_DB) && in.isReadable()) {
            database = Wire.readNulString(in);
            if (database.isEmpty()) database = null;
        }
        String plugin = null;
        if (Capabilities.has(caps, Capabilities.PLUGIN_AUTH) && in.isReadable()) {
            plugin = Wire.readNulString(in);
        }
        Map<String, String> attributes = Map.of();
        if (Capabilities.has(caps, Capabilities.CONNECT_ATTRS) && in.isReadable()) {
            attributes = readAttributes(in);
        }
        return new HandshakeResponse41(caps, mariadb, max, collation, user, auth, database, plugin, attributes);
    }

    static Map<String, String> readAttributes(ByteBuf in) {
        long total = Wire.readLenencInt(in);
        if (total > in.readableBytes()) throw new MalformedPacketException("connection attributes exceed the packet");
        int end = in.readerIndex() + (int) total;
        Map<String, String> attributes = new LinkedHashMap<>();
        while (in.readerIndex() < end) {
            String key = Wire.readLenencString(in);
            String value = Wire.readLenencString(in);
            attributes.put(key, value);
        }
        return Map.copyOf(attributes);
    }
}
