package io.dbmesh.proxy.packet;

import io.netty.buffer.ByteBuf;

/** The truncated handshake response a client sends to switch to TLS (protocol::SSLRequest). */
public record SslRequest(int capabilities, int maxPacketSize, int collation) implements ClientPacket {
    public static final int LENGTH = 32;

    public static SslRequest decode(ByteBuf in) {
        int caps = in.readIntLE();
        int max = in.readIntLE();
        int collation = in.readUnsignedByte();
        in.skipBytes(23);
        return new SslRequest(caps, max, collation);
    }
}
