package io.dbmesh.proxy.packet;

import io.dbmesh.core.result.Column;
import io.netty.buffer.ByteBuf;

import java.util.List;

/**
 * protocol::BinaryResultsetRow: header 0x00, a NULL bitmap whose bits start at offset 2, then the
 * non-NULL values in binary form. Values arrive in text form (see RowCursor) and are converted
 * per column type by {@link BinaryValues}.
 */
public record BinaryRow(List<Column> columns, List<byte[]> textValues) implements ServerPacket {

    /** Bytes of the NULL bitmap for {@code columns} columns (offset 2). */
    public static int nullBitmapLength(int columns) {
        return (columns + 7 + 2) / 8;
    }

    @Override
    public void write(ByteBuf out, int capabilities) {
        out.writeByte(0);
        int bitmapAt = out.writerIndex();
        out.writeZero(nullBitmapLength(columns.size()));
        for (int i = 0; i < columns.size(); i++) {
            byte[] v = textValues.get(i);
            if (v == null) {
                int bit = i + 2;
                out.setByte(bitmapAt + bit / 8, out.getByte(bitmapAt + bit / 8) | (1 << (bit % 8)));
            } else {
                BinaryValues.write(out, columns.get(i), v);
            }
        }
    }
}
