package io.dbmesh.proxy.packet;

import io.netty.buffer.ByteBuf;

import java.util.List;

/** protocol::ResultsetRow of the text protocol: each value lenenc, NULL as 0xFB. */
public record TextRow(List<byte[]> values) implements ServerPacket {

    public static void writeValue(ByteBuf out, byte[] value) {
        if (value == null) {
            out.writeByte(Wire.NULL_MARKER);
        } else {
            Wire.writeLenencInt(out, value.length);
            out.writeBytes(value);
        }
    }

    @Override
    public void write(ByteBuf out, int capabilities) {
        for (byte[] v : values) writeValue(out, v);
    }
}
