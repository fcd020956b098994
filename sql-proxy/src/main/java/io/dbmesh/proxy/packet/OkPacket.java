package io.dbmesh.proxy.packet;

import io.netty.buffer.ByteBuf;

/**
 * protocol::OK_Packet. With {@code asEof} it is the OK that replaces EOF at the end of a result
 * set when DEPRECATE_EOF was negotiated (header 0xFE instead of 0x00). The info text ("Rows
 * matched: 1  Changed: 1  Warnings: 0") is a length-encoded string, as MariaDB and MySQL servers
 * write it and libmariadb and both Connector/Js read it (the protocol documentation's
 * string&lt;EOF&gt; is not what servers send); an empty info is left out.
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
            Wire.writeLenencString(out, info);
        }
    }

    @Override
    public void write(ByteBuf out, int capabilities) {
        write(out, asEof, affectedRows, lastInsertId, statusFlags, warnings, info);
    }
}
