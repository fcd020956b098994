package io.dbmesh.proxy.loop;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The event-loop end of a {@link LoopSocket}: queues the bytes the backend sends until the socket's
 * reader (Connector/J on a command thread) takes them, and wakes that reader. Reading pauses while
 * more than {@link #HIGH_WATER} bytes wait (a huge result streamed to a slow client must not pile
 * up here) and resumes below {@link #LOW_WATER}. It also tells the writer about writability.
 */
final class InboundBytes extends ChannelInboundHandlerAdapter {
    static final int HIGH_WATER = 1024 * 1024, LOW_WATER = 256 * 1024;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final WritableGate writable = new WritableGate();
    private final ArrayDeque<ByteBuf> queue = new ArrayDeque<>();
    private Channel channel;
    private int buffered;
    private boolean paused;
    /** Written under the lock; volatile so the writer's gate may read it without. */
    private volatile boolean ended;
    private volatile IOException failure;

    // ---- event loop ----

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        lock.lock();
        try {
            channel = ctx.channel();
        } finally {
            lock.unlock();
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf bytes)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        lock.lock();
        try {
            if (ended) {
                bytes.release();
                return;
            }
            queue.add(bytes);
            buffered += bytes.readableBytes();
            if (buffered > HIGH_WATER && !paused) {
                paused = true;
                ctx.channel().config().setAutoRead(false);
            }
            arrived.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        writable.signal();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        end(null);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        end(cause instanceof IOException io ? io : new IOException(cause.toString(), cause));
        ctx.close();
    }

    /** No more bytes will come: the connection closed, failed or was closed by us. */
    void end(IOException cause) {
        lock.lock();
        try {
            if (cause != null && failure == null) failure = cause;
            ended = true;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
        writable.signal();
    }

    // ---- reader and writer (command threads) ----

    /**
     * Copies what has arrived (at least one byte, at most {@code length}), waiting up to
     * {@code timeoutMillis} (0: forever) for the first; -1 at the end of the stream.
     */
    int read(byte[] into, int offset, int length, int timeoutMillis) throws IOException {
        if (length == 0) return 0;
        lock.lock();
        try {
            long remaining = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (queue.isEmpty()) {
                if (failure != null) throw failure;
                if (ended) return -1;
                if (timeoutMillis <= 0) {
                    arrived.await();
                } else {
                    if (remaining <= 0) throw new SocketTimeoutException("Read timed out");
                    remaining = arrived.awaitNanos(remaining);
                }
            }
            int copied = 0;
            while (copied < length && !queue.isEmpty()) {
                ByteBuf head = queue.peek();
                int n = Math.min(length - copied, head.readableBytes());
                head.readBytes(into, offset + copied, n);
                copied += n;
                if (!head.isReadable()) queue.poll().release();
            }
            buffered -= copied;
            if (paused && buffered < LOW_WATER) {
                paused = false;
                channel.config().setAutoRead(true);
            }
            return copied;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reading from the backend");
        } finally {
            lock.unlock();
        }
    }

    int available() {
        lock.lock();
        try {
            return buffered;
        } finally {
            lock.unlock();
        }
    }

    /** Blocks while the channel's outbound buffer is over its high water mark. */
    void awaitWritable(Channel channel) throws IOException {
        try {
            if (writable.awaitWritable(channel, () -> ended)) return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while writing to the backend");
        }
        IOException cause = failure;
        if (cause != null) throw cause;
        throw new SocketException("Connection closed by the backend");
    }

    /**
     * Fails the next write when the connection is gone. Without the lock (once per backend
     * statement): both fields are volatile, and {@link #end} writes the failure before the end, so
     * an end seen here comes with its cause.
     */
    void checkOpen() throws IOException {
        if (!ended && failure == null) return;
        IOException cause = failure;
        if (cause != null) throw cause;
        throw new SocketException("Connection closed by the backend");
    }

    /** Our side closed the socket: drop what is queued. */
    void discard() {
        lock.lock();
        try {
            ByteBuf b;
            while ((b = queue.poll()) != null) b.release();
            buffered = 0;
        } finally {
            lock.unlock();
        }
        end(null);
    }
}
