package io.dbmesh.proxy.testing;

import io.dbmesh.proxy.codec.FrameOutput;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;

/** A FrameOutput that appends everything sent to one buffer. */
public final class CollectingOutput implements FrameOutput {
    public final ByteBuf bytes = Unpooled.buffer();
    public int sends;

    @Override
    public ByteBufAllocator alloc() {
        return UnpooledByteBufAllocator.DEFAULT;
    }

    @Override
    public void send(ByteBuf framed) {
        sends++;
        bytes.writeBytes(framed);
        framed.release();
    }
}
