package io.dbmesh.proxy.testing;

import io.dbmesh.proxy.codec.FrameOutput;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** A FrameOutput that appends everything sent to one buffer. */
public final class CollectingOutput implements FrameOutput {
    public final ByteBuf bytes = Unpooled.buffer();
    public int sends;

    @Override
    public ByteBuf newBatch(int initialCapacity) {
        return Unpooled.buffer(initialCapacity);
    }

    @Override
    public void send(ByteBuf framed) {
        sends++;
        bytes.writeBytes(framed);
        framed.release();
    }
}
