package io.dbmesh.proxy.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** Where a {@link PacketWriter} sends its batches of framed packets (a channel, in a test a list). */
public interface FrameOutput {

    ByteBufAllocator alloc();

    /**
     * Writes and flushes {@code framed} (ownership passes). May block the calling thread until the
     * client drained enough (back-pressure).
     */
    void send(ByteBuf framed);
}
