package io.dbmesh.proxy.packet;

/** A packet the client sends, decoded from a frame payload. */
public sealed interface ClientPacket extends Packet
        permits HandshakeResponse41, SslRequest, AuthSwitchResponse, CommandPacket {
}
