package io.dbmesh.proxy.packet;

import io.netty.buffer.ByteBuf;

/**
 * protocol::AuthMoreData (0x01 + plugin data): e.g. fast-auth-success, a PEM public key.
 *
 * <p>{@code unprefixed} leaves out the 0x01 status byte, which is how servers older than 5.5.16
 * sent it. MySQL Connector/J decides by the announced version how to read this packet, and
 * dbmesh announces "5.5.5-…" (see server.ServerVersion), so that client reads the status byte as
 * data: it gets the unprefixed form.
 */
public record AuthMoreData(byte[] data, boolean unprefixed) implements ServerPacket {
    @Override
    public void write(ByteBuf out, int capabilities) {
        if (!unprefixed) out.writeByte(0x01);
        out.writeBytes(data);
    }
}
