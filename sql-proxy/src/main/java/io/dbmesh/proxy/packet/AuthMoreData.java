package io.dbmesh.proxy.packet;

import io.netty.buffer.ByteBuf;

/** protocol::AuthMoreData (0x01 + plugin data): e.g. fast-auth-success, a PEM public key. */
public record AuthMoreData(byte[] data) implements ServerPacket {
    @Override
    public void write(ByteBuf out, int capabilities) {
        out.writeByte(0x01);
        out.writeBytes(data);
    }
}
