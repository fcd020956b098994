package io.dbmesh.proxy.packet;

import io.netty.buffer.ByteBuf;

import java.util.Map;

/** COM_CHANGE_USER: re-authenticate on the same connection (protocol::COM_CHANGE_USER). */
public record ComChangeUser(String user, byte[] authResponse, String database, int collation,
                            String authPluginName, Map<String, String> attributes) implements CommandPacket {

    static ComChangeUser decode(ByteBuf in, int capabilities) {
        String user = Wire.readNulString(in);
        byte[] auth;
        if (Capabilities.has(capabilities, Capabilities.SECURE_CONNECTION)) {
            auth = new byte[in.readUnsignedByte()];
            in.readBytes(auth);
        } else {
            auth = Wire.readNulBytes(in);
        }
        String database = Wire.readNulString(in);
        int collation = 0;
        if (in.readableBytes() >= 2) collation = in.readUnsignedShortLE();
        String plugin = null;
        if (Capabilities.has(capabilities, Capabilities.PLUGIN_AUTH) && in.isReadable()) {
            plugin = Wire.readNulString(in);
        }
        Map<String, String> attributes = Map.of();
        if (Capabilities.has(capabilities, Capabilities.CONNECT_ATTRS) && in.isReadable()) {
            attributes = HandshakeResponse41.readAttributes(in);
        }
        return new ComChangeUser(user, auth, database.isEmpty() ? null : database, collation, plugin, attributes);
    }
}
