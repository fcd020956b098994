package io.dbmesh.proxy.loop;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledHeapByteBuf;
import io.netty.channel.Channel;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The writing end of a {@link LoopSocket}: collects what Connector/J writes and hands it to the
 * channel on {@link #flush()} (Connector/J flushes once per command). Copies, because the driver
 * reuses its buffer; a heap buffer, because it is filled on the command thread and freed on the event
 * loop after the write (see ChannelFrameOutput for the same trade).
 */
final class OutboundBytes extends OutputStream {
    private final Channel channel;
    private final InboundBytes inbound;
    private final LoopSocket socket;
    private ByteBuf pending;

    OutboundBytes(Channel channel, InboundBytes inbound, LoopSocket socket) {
        this.channel = channel;
        this.inbound = inbound;
        this.socket = socket;
    }

    @Override
    public void write(int b) throws IOException {
        buffer(1).writeByte(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
        buffer(length).writeBytes(bytes, offset, length);
    }

    private ByteBuf buffer(int needed) throws IOException {
        if (socket.isClosed()) throw new java.net.SocketException("Socket is closed");
        if (pending == null) {
            pending = new UnpooledHeapByteBuf(UnpooledByteBufAllocator.DEFAULT, Math.max(needed, 1024), Integer.MAX_VALUE);
        }
        return pending;
    }

    @Override
    public void flush() throws IOException {
        ByteBuf batch = pending;
        if (batch == null) return;
        pending = null;
        try {
            inbound.checkOpen();
        } catch (IOException e) {
            batch.release();
            throw e;
        }
        channel.writeAndFlush(batch, channel.voidPromise());
        socket.wrote();
        inbound.awaitWritable(channel);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** The socket closed: what was never flushed is dropped. */
    void discard() {
        ByteBuf batch = pending;
        pending = null;
        if (batch != null) batch.release();
    }
}
