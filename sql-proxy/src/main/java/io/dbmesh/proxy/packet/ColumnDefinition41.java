package io.dbmesh.proxy.packet;

import io.dbmesh.sharding.result.Column;
import io.netty.buffer.ByteBuf;

/**
 * protocol::ColumnDefinition41 for one {@link Column}. {@code forFieldList} appends the (empty)
 * default-value field that COM_FIELD_LIST responses carry.
 */
public record ColumnDefinition41(Column column, boolean forFieldList) implements ServerPacket {

    public static void write(ByteBuf out, Column c, boolean forFieldList) {
        out.writeBytes(CATALOG_DEF);
        Wire.writeLenencString(out, c.schema());
        Wire.writeLenencString(out, c.table());
        Wire.writeLenencString(out, c.orgTable());
        Wire.writeLenencString(out, c.name());
        Wire.writeLenencString(out, c.orgName());
        out.writeByte(0x0c);
        out.writeShortLE(c.charset());
        out.writeIntLE((int) Math.min(c.length(), 0xffffffffL));
        out.writeByte(c.type().code);
        out.writeShortLE(c.flags());
        out.writeByte(c.decimals());
        out.writeShortLE(0);
        if (forFieldList) {
            out.writeByte(Wire.NULL_MARKER);
        }
    }

    private static final byte[] CATALOG_DEF = {3, 'd', 'e', 'f'};

    @Override
    public void write(ByteBuf out, int capabilities) {
        write(out, column, forFieldList);
    }
}
