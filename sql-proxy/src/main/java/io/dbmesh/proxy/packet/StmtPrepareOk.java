package io.dbmesh.proxy.packet;

import io.netty.buffer.ByteBuf;

/** COM_STMT_PREPARE_OK: the statement id and how many parameter/column definitions follow. */
public record StmtPrepareOk(int statementId, int columnCount, int parameterCount, int warnings) implements ServerPacket {
    @Override
    public void write(ByteBuf out, int capabilities) {
        out.writeByte(0);
        out.writeIntLE(statementId);
        out.writeShortLE(columnCount);
        out.writeShortLE(parameterCount);
        out.writeByte(0);
        out.writeShortLE(warnings);
    }
}
