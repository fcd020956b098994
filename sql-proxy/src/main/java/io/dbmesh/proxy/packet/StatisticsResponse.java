package io.dbmesh.proxy.packet;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/** The answer to COM_STATISTICS: a bare human-readable string (no header byte). */
public record StatisticsResponse(String text) implements ServerPacket {
    @Override
    public void write(ByteBuf out, int capabilities) {
        ByteBufUtil.writeUtf8(out, text);
    }
}
