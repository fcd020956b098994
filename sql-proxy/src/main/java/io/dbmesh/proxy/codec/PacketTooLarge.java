package io.dbmesh.proxy.codec;

/**
 * Emitted by {@link PacketFrameDecoder} as soon as a packet's announced length exceeds
 * max_allowed_packet. The decoder then discards (never buffers) the rest of that packet and emits
 * {@link Skipped} once it has all gone by: only then may the connection be closed, so the client,
 * still busy writing, gets to read the ER_NET_PACKET_TOO_LARGE instead of a connection reset.
 * Nothing after the oversized packet is decoded. {@code beforeLogin}: the client has not
 * authenticated and the limit was the pre-authentication one; no {@link Skipped} follows (the
 * connection is closed at once).
 */
public record PacketTooLarge(int sequenceId, long announcedLength, long maxAllowedPacket, boolean beforeLogin) {

    public PacketTooLarge(int sequenceId, long announcedLength, long maxAllowedPacket) {
        this(sequenceId, announcedLength, maxAllowedPacket, false);
    }

    /** The oversized packet was consumed entirely. */
    public record Skipped() {
    }
}
