package io.dbmesh.proxy.server;

import io.dbmesh.mesh.telemetry.RefusalReason;
import io.dbmesh.proxy.codec.Frame;
import io.dbmesh.proxy.codec.PacketFrameDecoder;
import io.dbmesh.proxy.codec.PacketTooLarge;
import io.dbmesh.proxy.codec.PacketWriter;
import io.dbmesh.proxy.logging.RepeatLimitedLog;
import io.dbmesh.proxy.packet.ErrPacket;
import io.dbmesh.proxy.packet.ErrorCodes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One client connection as seen from its command thread (a virtual thread): the connection
 * phase, then commands one after another. Everything here may block — on the next frame, on a
 * backend inside the command handler, on a client that reads results slowly — without holding up
 * an event loop. The event loop feeds it through {@link #received}.
 */
final class ClientConnection implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ClientConnection.class);
    private static final RepeatLimitedLog failures = new RepeatLimitedLog(log, 1000);
    /** Batches are sent once they pass this size (a small result leaves in one write). */
    static final int FLUSH_THRESHOLD = 64 * 1024;
    /** Reading from the socket pauses while this many frames wait (a client pipelining long data). */
    private static final int INBOX_HIGH = 64, INBOX_LOW = 8;
    private static final Object CLOSED = new Object();

    final ServerContext server;
    final Channel channel;
    final PacketWriter writer;
    private final PacketFrameDecoder decoder;
    private final long id;
    private final ChannelFrameOutput output;
    private final Inbox inbox = new Inbox();
    private volatile boolean readPaused;
    private volatile boolean finished;
    /** True while a command is being answered (a graceful close lets it finish). */
    private volatile boolean busy;
    private boolean tls;

    ClientConnection(ServerContext server, Channel channel, PacketFrameDecoder decoder, long id) {
        this.server = server;
        this.channel = channel;
        this.decoder = decoder;
        this.id = id;
        this.output = new ChannelFrameOutput(channel, server.telemetry);
        this.writer = new PacketWriter(output, FLUSH_THRESHOLD);
    }

    long id() {
        return id;
    }

    boolean tls() {
        return tls;
    }

    /** The client's address as MySQL names it in error messages. */
    String host() {
        if (channel.remoteAddress() instanceof InetSocketAddress a && a.getAddress() != null) {
            return a.getAddress().getHostAddress();
        }
        return "localhost";
    }

    // ---- event loop side ----

    void received(Object message) {
        inbox.offer(message);
        if (finished) {
            drainInbox();
            return;
        }
        if (!readPaused && inbox.size() > INBOX_HIGH) {
            readPaused = true;
            channel.config().setAutoRead(false);
        }
    }

    void writabilityChanged() {
        output.wakeUp();
    }

    void channelClosed() {
        inbox.offer(CLOSED);
        output.wakeUp();
    }

    // ---- command thread side ----

    @Override
    public void run() {
        boolean admitted = server.admit();
        CommandDispatcher dispatcher = null;
        server.connections.add(this);
        try {
            if (!admitted) {
                server.telemetry.sessionRefused(RefusalReason.MAX_CONNECTIONS, null, host());
                writer.startSequence(0);
                sendError(ErrorCodes.ER_CON_COUNT_ERROR, "08004", "Too many connections");
                return;
            }
            ConnectionPhase.Session session = new ConnectionPhase(this).run();
            if (session == null) return;
            dispatcher = new CommandDispatcher(this, session);
            dispatcher.run();
        } catch (ClientGoneException e) {
            log.debug("connection {}: {}", id, e.getMessage());
        } catch (Throwable t) {
            failures.error("connection-failed-" + t.getClass().getName(), "connection " + id + " failed", t);
        } finally {
            if (dispatcher != null) dispatcher.closeHandler();
            if (admitted) server.release();
            finish();
            server.connections.remove(this);
        }
    }

    /**
     * Until authentication completes, each client packet must arrive within this time of the server
     * asking for it (MySQL's connect_timeout default), so a client that connects and says nothing
     * does not hold a thread. Time the server itself spends (key generation, TLS) does not count.
     */
    static final long CONNECT_TIMEOUT_SECONDS = 10;
    private boolean authenticated;

    /** The connection phase is over: from now on the client may stay idle. */
    void authenticated() {
        authenticated = true;
        decoder.authenticated();
    }

    /** Next frame from the client; unwinds with {@link ClientGoneException} when there is none. */
    Frame nextFrame() {
        Object m;
        try {
            if (authenticated) {
                m = inbox.take();
            } else {
                m = inbox.poll(TimeUnit.SECONDS.toNanos(CONNECT_TIMEOUT_SECONDS));
                if (m == null) throw new ClientGoneException("no handshake within " + CONNECT_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientGoneException("interrupted");
        }
        if (readPaused && inbox.size() <= INBOX_LOW) {
            readPaused = false;
            channel.config().setAutoRead(true);
        }
        if (m instanceof Frame f) {
            server.telemetry.clientBytes(f.payload().readableBytes() + 4L, 0); // payload + packet header
            return f;
        }
        if (m instanceof PacketTooLarge p && p.beforeLogin()) {
            writer.abandon();
            writer.startSequence(p.sequenceId() + 1);
            sendError(ErrorCodes.ER_NET_PACKET_TOO_LARGE, "08S01", "Got a packet bigger than the "
                    + p.maxAllowedPacket() + " bytes allowed before login (dbmesh limits.pre_auth_packet)");
            throw new ClientGoneException("packet of " + p.announcedLength() + " bytes before login exceeds limits.pre_auth_packet");
        }
        if (m instanceof PacketTooLarge p) {
            writer.abandon();
            writer.startSequence(p.sequenceId() + 1);
            sendError(ErrorCodes.ER_NET_PACKET_TOO_LARGE, "08S01", "Got a packet bigger than 'max_allowed_packet' bytes");
            awaitOversizedPacketSkipped();
            throw new ClientGoneException("packet of " + p.announcedLength() + " bytes exceeds max_allowed_packet");
        }
        if (m instanceof ErrPacket e) {
            writer.abandon();
            sendError(e.errorCode(), e.sqlState(), e.message());
            throw new ClientGoneException(e.message());
        }
        throw new ClientGoneException("client closed the connection");
    }

    /**
     * Closing while the client still writes the oversized packet would reset the connection before
     * it reads the error: wait (bounded) until the decoder has skipped the packet.
     */
    private void awaitOversizedPacketSkipped() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try {
            while (System.nanoTime() < deadline) {
                Object m = inbox.poll(Math.max(0, deadline - System.nanoTime()));
                if (m == null || m == CLOSED || m instanceof PacketTooLarge.Skipped) return;
                if (m instanceof Frame f) f.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void busy(boolean busy) {
        this.busy = busy;
    }

    /** Server shutdown: an idle connection closes now, a busy one after answering its command. */
    void closeIfIdle() {
        if (!busy) channel.close();
    }

    /** Next frame, which must carry {@code expectedSequenceId}; the reply continues after it. */
    Frame nextFrame(int expectedSequenceId) {
        Frame f = nextFrame();
        if (f.firstSequenceId() != (expectedSequenceId & 0xff)) {
            f.release();
            writer.startSequence(expectedSequenceId);
            sendError(ErrorCodes.ER_NET_PACKETS_OUT_OF_ORDER, "08S01", "Got packets out of order");
            throw new ClientGoneException("sequence id " + f.firstSequenceId() + ", expected " + expectedSequenceId);
        }
        writer.startSequence(f.sequenceId() + 1);
        return f;
    }

    void sendError(int code, String sqlState, String message) {
        ErrPacket.write(writer.begin(), code, sqlState, message);
        writer.end();
        writer.flush();
    }

    /** Resume decoding after the first client packet was not an SSLRequest. */
    void resumeFrames() {
        channel.eventLoop().execute(() -> {
            try {
                ChannelHandlerContext ctx = channel.pipeline().context(decoder);
                if (ctx != null) decoder.resume(ctx);
            } catch (Exception e) {
                channel.pipeline().fireExceptionCaught(e);
            }
        });
    }

    /**
     * Switch to TLS after an SSLRequest: insert the TLS handler in front of the frame decoder, hand
     * it whatever bytes arrived after the SSLRequest, and wait for the handshake.
     */
    void startTls() {
        SslContext context = server.tls.context(); // here, not on the event loop: it may still be generating
        CompletableFuture<Void> handshake = new CompletableFuture<>();
        channel.eventLoop().execute(() -> {
            SslHandler ssl = context.newHandler(channel.alloc());
            ssl.handshakeFuture().addListener(f -> {
                if (f.isSuccess()) handshake.complete(null);
                else handshake.completeExceptionally(f.cause());
            });
            ByteBuf early = decoder.takeBufferedAndResume();
            channel.pipeline().addFirst("tls", ssl);
            if (early.isReadable()) {
                channel.pipeline().fireChannelRead(early);
                channel.pipeline().fireChannelReadComplete();
            } else {
                early.release();
            }
        });
        try {
            handshake.get(30, TimeUnit.SECONDS);
            tls = true;
        } catch (ExecutionException | TimeoutException e) {
            channel.close();
            throw new ClientGoneException("TLS handshake failed: " + (e.getCause() != null ? e.getCause() : e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientGoneException("interrupted during the TLS handshake");
        }
    }

    private void finish() {
        try {
            writer.flush();
        } catch (ClientGoneException ignored) {
            // nothing to send to
        } finally {
            writer.discard();
        }
        if (channel.eventLoop().isShuttingDown()) {
            // the server is closing: its shutdown closes the channel
        } else {
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
        finished = true;
        drainInbox();
    }

    private void drainInbox() {
        Object m;
        while ((m = inbox.poll()) != null) {
            if (m instanceof Frame f) f.release();
            else ReferenceCountUtil.release(m);
        }
    }
}
