package io.dbmesh.proxy.packet;

import io.netty.buffer.ByteBuf;

/**
 * Initial handshake (protocol::HandshakeV10).
 *
 * @param scramble            20 bytes of auth plugin data (the nonce)
 * @param mariadbCapabilities MariaDB's extended capabilities, sent in the last reserved bytes when
 *                            LONG_PASSWORD (CLIENT_MYSQL) is not among {@code capabilities}
 */
public record HandshakeV10(String serverVersion, long connectionId, byte[] scramble, int capabilities,
                           int mariadbCapabilities, int collation, int statusFlags, String authPluginName) implements ServerPacket {

    @Override
    public void write(ByteBuf out, int ignored) {
        out.writeByte(10);
        Wire.writeNulString(out, serverVersion);
        out.writeIntLE((int) connectionId);
        out.writeBytes(scramble, 0, 8);
        out.writeByte(0);
        out.writeShortLE(capabilities & 0xffff);
        out.writeByte(collation);
        out.writeShortLE(statusFlags);
        out.writeShortLE(capabilities >>> 16);
        out.writeByte(scramble.length + 1);
        out.writeZero(6);
        out.writeIntLE(Capabilities.has(capabilities, Capabilities.LONG_PASSWORD) ? 0 : mariadbCapabilities);
        out.writeBytes(scramble, 8, scramble.length - 8);
        out.writeByte(0);
        Wire.writeNulString(out, authPluginName);
    }
}
