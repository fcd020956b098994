package io.dbmesh.proxy.packet;

import io.netty.buffer.ByteBuf;

/**
 * protocol::OK_Packet. With {@code asEof} it is the OK that replaces EOF at the end of a result
 * set when DEPRECATE_EOF was negotiated (header 0xFE instead of 0x00).
 */
public record OkPacket(long affectedRows, long lastInsertId, int statusFlags, int warnings, String info,
                       boolean asEof) implements ServerPacket {

    public static void write(ByteBuf out, boolean asEof, long affectedRows, long lastInsertId, int statusFlags,
                             int warnings, CharSequence info) {
        out.writeByte(asEof ? 0xfe : 0x00);
        Wire.writeLenencInt(out, affectedRows);
        Wire.writeLenencInt(out, lastInsertId);
        out.writeShortLE(statusFlags);
        out.writeShortLE(warnings);
        if (info != null && !info.isEmpty()) {
            io.netty.buffer.ByteBufUtil.writeUtf8(out, info);
        }
    }

    @Override
    public void write(ByteBuf out, int capabilities) {
        write(out, asEof, affectedRows, lastInsertId, statusFlags, warnings, info);
    }
}
