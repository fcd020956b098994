package io.dbmesh.proxy.codec;

/**
 * Emitted by {@link PacketFrameDecoder} as soon as a packet's announced length exceeds
 * max_allowed_packet. The decoder then discards (never buffers) the rest of that packet and closes
 * the connection once it has all gone by, so the client, still busy writing, gets to read the
 * ER_NET_PACKET_TOO_LARGE the server answers instead of a connection reset.
 */
public record PacketTooLarge(int sequenceId, long announcedLength, long maxAllowedPacket) {
}
