package io.dbmesh.proxy.packet;

import io.netty.buffer.ByteBuf;

/** protocol::EOF_Packet, sent only to clients that did not negotiate DEPRECATE_EOF. */
public record EofPacket(int warnings, int statusFlags) implements ServerPacket {

    public static void write(ByteBuf out, int warnings, int statusFlags) {
        out.writeByte(0xfe);
        out.writeShortLE(warnings);
        out.writeShortLE(statusFlags);
    }

    @Override
    public void write(ByteBuf out, int capabilities) {
        write(out, warnings, statusFlags);
    }
}
