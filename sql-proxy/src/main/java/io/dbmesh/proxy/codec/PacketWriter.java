package io.dbmesh.proxy.codec;

import io.dbmesh.proxy.packet.ServerPacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Frames server packets into one pooled buffer, so a small response leaves in a single write and
 * flush. Each packet's payload is written in place after a reserved 4-byte header that is patched
 * once the length is known; a payload of 16 MiB - 1 or more is split into 0xFFFFFF-byte frames
 * (with an empty last frame when the length is an exact multiple). Sequence ids continue from
 * {@link #startSequence}. Not thread-safe: owned by the connection's command thread.
 */
public final class PacketWriter {
    private static final int INITIAL_CAPACITY = 1024;

    private final FrameOutput output;
    private final int flushThreshold;
    private ByteBuf batch;
    private int packetStart = -1;
    private int sequenceId;

    public PacketWriter(FrameOutput output, int flushThreshold) {
        this.output = output;
        this.flushThreshold = flushThreshold;
    }

    /** The sequence id the next packet carries (one after the client's last frame). */
    public void startSequence(int nextSequenceId) {
        this.sequenceId = nextSequenceId & 0xff;
    }

    public int nextSequenceId() {
        return sequenceId;
    }

    /** Opens a packet and returns the buffer to write its payload into; finish with {@link #end()}. */
    public ByteBuf begin() {
        if (packetStart >= 0) throw new IllegalStateException("packet already open");
        if (batch == null) batch = output.newBatch(INITIAL_CAPACITY);
        packetStart = batch.writerIndex();
        batch.writeInt(0);
        return batch;
    }

    public void end() {
        int payloadStart = packetStart + 4;
        int length = batch.writerIndex() - payloadStart;
        if (length < PacketFrameDecoder.MAX_FRAME) {
            batch.setMediumLE(packetStart, length);
            batch.setByte(packetStart + 3, sequenceId);
            sequenceId = (sequenceId + 1) & 0xff;
        } else {
            split(payloadStart, length);
        }
        packetStart = -1;
    }

    public void write(ServerPacket packet, int capabilities) {
        packet.write(begin(), capabilities);
        end();
    }

    /** Sends the batch when it grew past the threshold (called between rows of a large result). */
    public void flushIfFull() {
        if (batch != null && batch.readableBytes() >= flushThreshold) flush();
    }

    /** Sends whatever is batched (may block for back-pressure). */
    public void flush() {
        if (packetStart >= 0) throw new IllegalStateException("flush inside an open packet");
        if (batch == null) return;
        ByteBuf out = batch;
        batch = null;
        if (out.isReadable()) {
            output.send(out);
        } else {
            out.release();
        }
    }

    /**
     * Rolls back a packet left open by a failure while writing it (e.g. a value that does not
     * convert), so an ERR can follow the packets already complete.
     */
    public void abandon() {
        if (packetStart >= 0) {
            batch.writerIndex(packetStart);
            packetStart = -1;
        }
    }

    /** Drops anything batched (the connection is going away). */
    public void discard() {
        if (batch != null) {
            batch.release();
            batch = null;
        }
        packetStart = -1;
    }

    private void split(int payloadStart, int length) {
        ByteBuf payload = Unpooled.buffer(length);
        try {
            payload.writeBytes(batch, payloadStart, length);
            batch.writerIndex(packetStart);
            int chunk;
            do {
                chunk = Math.min(payload.readableBytes(), PacketFrameDecoder.MAX_FRAME);
                batch.writeMediumLE(chunk);
                batch.writeByte(sequenceId);
                sequenceId = (sequenceId + 1) & 0xff;
                batch.writeBytes(payload, chunk);
            } while (chunk == PacketFrameDecoder.MAX_FRAME);
        } finally {
            payload.release();
        }
    }
}
