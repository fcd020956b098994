package io.dbmesh.proxy.packet;

import io.netty.buffer.ByteBuf;

/**
 * Initial handshake (protocol::HandshakeV10).
 *
 * @param scramble 20 bytes of auth plugin data (the nonce)
 */
public record HandshakeV10(String serverVersion, long connectionId, byte[] scramble, int capabilities,
                           int collation, int statusFlags, String authPluginName) implements ServerPacket {

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
        out.writeZero(10);
        out.writeBytes(scramble, 8, scramble.length - 8);
        out.writeByte(0);
        Wire.writeNulString(out, authPluginName);
    }
}
