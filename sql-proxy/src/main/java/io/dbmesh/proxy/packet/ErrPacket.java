package io.dbmesh.proxy.packet;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/** protocol::ERR_Packet (always with the SQLSTATE marker: every supported client speaks 4.1). */
public record ErrPacket(int errorCode, String sqlState, String message) implements ServerPacket {

    public static void write(ByteBuf out, int errorCode, String sqlState, CharSequence message) {
        out.writeByte(0xff);
        out.writeShortLE(errorCode);
        out.writeByte('#');
        String state = sqlState == null || sqlState.length() != 5 ? "HY000" : sqlState;
        ByteBufUtil.writeAscii(out, state);
        ByteBufUtil.writeUtf8(out, message == null ? "" : message);
    }

    @Override
    public void write(ByteBuf out, int capabilities) {
        write(out, errorCode, sqlState, message);
    }
}
