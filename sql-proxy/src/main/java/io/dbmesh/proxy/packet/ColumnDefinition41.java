package io.dbmesh.proxy.packet;

import io.dbmesh.core.result.Column;
import io.netty.buffer.ByteBuf;

/**
 * protocol::ColumnDefinition41 for one {@link Column}. {@code forFieldList} appends the (empty)
 * default-value field that COM_FIELD_LIST responses carry. With {@code extendedMetadata} (MariaDB's
 * MARIADB_CLIENT_EXTENDED_METADATA negotiated) a block follows the original column name, as a
 * MariaDB server sends it: a length-encoded string of entries, each a type byte (0 type name,
 * 1 format) and a length-encoded value; empty when the column has none.
 */
public record ColumnDefinition41(Column column, boolean forFieldList, boolean extendedMetadata) implements ServerPacket {

    private static final int EXT_TYPE_NAME = 0;
    private static final int EXT_TYPE_FORMAT = 1;

    public static void write(ByteBuf out, Column c, boolean forFieldList) {
        write(out, c, forFieldList, false);
    }

    public static void write(ByteBuf out, Column c, boolean forFieldList, boolean extendedMetadata) {
        out.writeBytes(CATALOG_DEF);
        Wire.writeLenencString(out, c.schema());
        Wire.writeLenencString(out, c.table());
        Wire.writeLenencString(out, c.orgTable());
        Wire.writeLenencString(out, c.name());
        Wire.writeLenencString(out, c.orgName());
        if (extendedMetadata) {
            writeExtended(out, c);
        }
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

    private static void writeExtended(ByteBuf out, Column c) {
        if (!c.extended()) {
            out.writeByte(0);
            return;
        }
        byte[] name = c.extTypeName().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] format = c.extTypeFormat().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int length = (name.length > 0 ? 1 + Wire.lenencIntSize(name.length) + name.length : 0)
                + (format.length > 0 ? 1 + Wire.lenencIntSize(format.length) + format.length : 0);
        Wire.writeLenencInt(out, length);
        if (name.length > 0) {
            out.writeByte(EXT_TYPE_NAME);
            Wire.writeLenencBytes(out, name);
        }
        if (format.length > 0) {
            out.writeByte(EXT_TYPE_FORMAT);
            Wire.writeLenencBytes(out, format);
        }
    }

    private static final byte[] CATALOG_DEF = {3, 'd', 'e', 'f'};

    @Override
    public void write(ByteBuf out, int capabilities) {
        write(out, column, forFieldList, extendedMetadata);
    }
}
