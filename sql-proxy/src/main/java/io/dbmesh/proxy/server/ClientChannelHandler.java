package io.dbmesh.proxy.server;

import io.dbmesh.proxy.codec.Frame;
import io.dbmesh.proxy.codec.PacketFrameDecoder;
import io.dbmesh.proxy.codec.PacketTooLarge;
import io.dbmesh.proxy.codec.PacketsOutOfOrderException;
import io.dbmesh.proxy.logging.RepeatLimitedLog;
import io.dbmesh.proxy.packet.ErrPacket;
import io.dbmesh.proxy.packet.ErrorCodes;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * The event-loop end of a client connection: hands decoded frames to the connection's command
 * thread and tells it about writability and closing. It never runs a command itself.
 */
final class ClientChannelHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ClientChannelHandler.class);
    private static final RepeatLimitedLog failures = new RepeatLimitedLog(log, 1000);

    private final ServerContext server;
    private final PacketFrameDecoder decoder;
    private ClientConnection connection;

    ClientChannelHandler(ServerContext server, PacketFrameDecoder decoder) {
        this.server = server;
        this.decoder = decoder;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        // The first client packet may be an SSLRequest followed at once by TLS bytes: stop after it.
        decoder.pauseAfterNextFrame();
        connection = new ClientConnection(server, ctx.channel(), decoder, server.nextConnectionId());
        server.commandThreads.start("dbmesh-conn-" + connection.id(), ctx.channel().eventLoop(), connection);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (connection == null || !(msg instanceof Frame || msg instanceof PacketTooLarge
                || msg instanceof PacketTooLarge.Skipped)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        connection.received(msg);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (connection != null) connection.writabilityChanged();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (connection != null) connection.channelClosed();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof PacketsOutOfOrderException e && connection != null) {
            connection.received(new ErrPacket(ErrorCodes.ER_NET_PACKETS_OUT_OF_ORDER, "08S01",
                    "Got packets out of order (" + e.getMessage() + ")"));
            return;
        }
        if (cause instanceof IOException) {
            log.debug("client connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            failures.warn("client-failed-" + cause.getClass().getName(), "client connection " + ctx.channel().remoteAddress()
                    + " failed: " + cause);
        }
        ctx.close();
    }
}
