package io.dbmesh.proxy.packet;

import io.netty.buffer.ByteBuf;

/** The first packet of a result set: how many column definitions follow. */
public record ColumnCount(int count) implements ServerPacket {
    @Override
    public void write(ByteBuf out, int capabilities) {
        Wire.writeLenencInt(out, count);
    }
}
