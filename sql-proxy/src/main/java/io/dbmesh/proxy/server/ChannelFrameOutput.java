package io.dbmesh.proxy.server;

import io.dbmesh.proxy.codec.FrameOutput;
import io.dbmesh.proxy.loop.WritableGate;
import io.dbmesh.mesh.telemetry.Telemetry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledHeapByteBuf;
import io.netty.channel.Channel;


/**
 * Sends framed packets from the connection's command thread to its channel and applies
 * back-pressure: after each write, the command thread waits while the channel is over its high
 * water mark (the client is not reading), woken by the event loop when writability changes.
 */
final class ChannelFrameOutput implements FrameOutput {
    private final Channel channel;
    private final WritableGate writable = new WritableGate();
    private final Telemetry telemetry;

    ChannelFrameOutput(Channel channel, Telemetry telemetry) {
        this.channel = channel;
        this.telemetry = telemetry;
    }

    /**
     * A plain heap buffer, not a pooled direct one: the batch is filled on the command thread and
     * freed on the event loop after the write, and pooled buffers crossing threads cost more
     * (thread caches, recycler handoffs) than the copy into the event loop's own direct buffer.
     * Built directly rather than through UnpooledByteBufAllocator, whose per-buffer metrics
     * (LongAdder) showed up in profiles.
     */
    @Override
    public ByteBuf newBatch(int initialCapacity) {
        return new UnpooledHeapByteBuf(UnpooledByteBufAllocator.DEFAULT, initialCapacity, Integer.MAX_VALUE);
    }

    @Override
    public void send(ByteBuf framed) {
        if (!channel.isActive()) {
            framed.release();
            throw new ClientGoneException("client connection closed");
        }
        telemetry.clientBytes(0, framed.readableBytes());
        channel.writeAndFlush(framed, channel.voidPromise());
        awaitWritable();
    }

    private void awaitWritable() {
        try {
            if (!writable.awaitWritable(channel, () -> false)) {
                throw new ClientGoneException("client connection closed while results were pending");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientGoneException("interrupted while waiting for the client to read");
        }
    }

    /** Event loop: writability changed or the channel closed. */
    void wakeUp() {
        writable.signal();
    }
}
