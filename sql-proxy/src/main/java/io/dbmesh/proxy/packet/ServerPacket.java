package io.dbmesh.proxy.packet;

import io.netty.buffer.ByteBuf;

/** A packet the server sends: it writes its own payload. */
public sealed interface ServerPacket extends Packet
        permits HandshakeV10, AuthSwitchRequest, AuthMoreData, OkPacket, ErrPacket, EofPacket, ColumnCount,
        ColumnDefinition41, TextRow, BinaryRow, StmtPrepareOk, StatisticsResponse {

    /** @param capabilities the negotiated capabilities (some layouts depend on them) */
    void write(ByteBuf out, int capabilities);
}
