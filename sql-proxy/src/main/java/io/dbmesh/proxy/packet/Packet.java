package io.dbmesh.proxy.packet;

/**
 * Every MySQL packet dbmesh reads or writes, as a small record. {@link ClientPacket}s are
 * decoded from a frame payload; {@link ServerPacket}s write their payload (framing and sequence
 * ids are the codec's job).
 */
public sealed interface Packet permits ClientPacket, ServerPacket {
}
