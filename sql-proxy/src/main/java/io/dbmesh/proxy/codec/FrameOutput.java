package io.dbmesh.proxy.codec;

import io.netty.buffer.ByteBuf;

/** Where a {@link PacketWriter} sends its batches of framed packets (a channel, in a test a list). */
public interface FrameOutput {

    /** A buffer to frame a batch of packets into (it grows as needed). */
    ByteBuf newBatch(int initialCapacity);

    /**
     * Writes and flushes {@code framed} (ownership passes). May block the calling thread until the
     * client drained enough (back-pressure).
     */
    void send(ByteBuf framed);
}
