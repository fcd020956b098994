package io.dbmesh.proxy.server;

import io.dbmesh.mesh.telemetry.Telemetry;
import io.dbmesh.proxy.auth.AuthPlugins;
import io.dbmesh.proxy.auth.LoginClock;
import io.dbmesh.proxy.auth.RsaKeys;
import io.dbmesh.proxy.auth.Sha2AuthCache;
import io.dbmesh.proxy.codec.PacketFrameDecoder;
import io.dbmesh.proxy.command.CommandHandlerFactory;
import io.dbmesh.proxy.config.DbmeshConfig;
import io.dbmesh.proxy.loop.IoLoops;
import io.dbmesh.proxy.tls.ServerTls;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The MySQL protocol listener on the sidecar's event loops ({@link IoLoops}: epoll when available,
 * NIO otherwise), whose pipeline does TLS, framing and hands frames over. Each client connection
 * runs its connection phase and commands on its own thread ({@link ClientConnection}; by default a
 * virtual thread scheduled on the connection's event loop, see {@link CommandThreads}), so command
 * handlers may block on JDBC: a blocked thread parks and the loop serves other connections.
 */
public final class ProxyServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProxyServer.class);
    /**
     * Writes pause (the command thread blocks) above 1 MiB queued for a client and resume below
     * 256 KiB: enough to keep a fast client busy, little enough that 1,000 slow clients stay cheap.
     */
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);

    private final DbmeshConfig config;
    private final CommandHandlerFactory factory;
    private final ChannelGroup clients = new DefaultChannelGroup("dbmesh-clients", GlobalEventExecutor.INSTANCE);
    static final int DRAIN_TIMEOUT_SECONDS = 10;

    private ServerContext server;
    private EventLoopGroup acceptor;
    /** The sidecar's loops; owned (closed here) only when this server created them. */
    private IoLoops loops;
    private final boolean ownsLoops;
    private Channel listener;
    private final Telemetry telemetry;
    /** What limits.failed_logins times failures and waits delays on: the system's, or a test's. */
    private LoginClock loginClock = LoginClock.SYSTEM;

    /** A server on its own event loops (tests; backends then use the JDK's sockets). */
    public ProxyServer(DbmeshConfig config, CommandHandlerFactory factory) {
        this(config, factory, null);
    }

    /** A server on the sidecar's event loops, which the backend sockets share (see io.dbmesh.proxy.loop). */
    public ProxyServer(DbmeshConfig config, CommandHandlerFactory factory, IoLoops loops) {
        this(config, factory, loops, Telemetry.NONE);
    }

    /** {@code telemetry}: told about refused connections, logins and client bytes. */
    public ProxyServer(DbmeshConfig config, CommandHandlerFactory factory, IoLoops loops, Telemetry telemetry) {
        this.telemetry = telemetry;
        this.config = config;
        this.factory = factory;
        this.loops = loops;
        this.ownsLoops = loops == null;
    }

    /** Event loops per server: half the cores (the other half is for the command threads' work). */
    public static int defaultIoThreads() {
        return Integer.getInteger("dbmesh.io.threads", Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
    }

    /** Times failed logins and their delays on {@code clock} instead of the system's (before {@link #start}). */
    public ProxyServer loginClock(LoginClock clock) {
        if (listener != null) throw new IllegalStateException("already started");
        this.loginClock = clock;
        return this;
    }

    /** Binds the listener; returns the bound port (useful with port 0). */
    public int start() throws InterruptedException {
        if (listener != null) throw new IllegalStateException("already started");
        if (loops == null) loops = IoLoops.start(defaultIoThreads());
        ServerContext server = this.server = new ServerContext(config, factory, ServerTls.start(config.tls()),
                new AuthPlugins(new Sha2AuthCache(), RsaKeys.generatedOnFirstUse()), CommandThreads.choose(loops.loopThreads()), telemetry, loginClock);
        acceptor = loops.newGroup(1, "dbmesh-accept");
        Class<? extends ServerChannel> channelType = loops.serverChannelType();
        long maxAllowedPacket = config.listener().maxAllowedPacket();
        long preAuthPacket = config.limits().preAuthPacket();

        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptor, loops.group())
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        clients.add(ch);
                        PacketFrameDecoder frames = new PacketFrameDecoder(maxAllowedPacket, preAuthPacket);
                        ch.pipeline()
                                // "tls" (SslHandler) is inserted here, first, when the client sends an SSLRequest
                                .addLast("frames", frames)                       // bytes → Frame (16 MiB reassembly, max_allowed_packet, pre-auth limit)
                                .addLast("connection", new ClientChannelHandler(server, frames)); // Frame → the connection's virtual thread
                        // Outbound: the command thread writes ready-framed packet batches (codec.PacketWriter).
                    }
                });
        try {
            listener = bootstrap.bind(config.listener().host(), config.listener().port()).sync().channel();
        } catch (Exception | Error e) { // Netty rethrows a BindException undeclared
            acceptor.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            if (ownsLoops) loops.close();
            throw e;
        }
        int port = ((InetSocketAddress) listener.localAddress()).getPort();
        log.info("dbmesh listening on {}:{} ({}, {} command threads, version {}, TLS {})", config.listener().host(), port,
                loops.transport(), server.commandThreads.name().toLowerCase(java.util.Locale.ROOT), server.version.describe(),
                server.tls == null ? "off" : server.tlsRequired() ? "required" : "optional");
        return port;
    }

    /** Whether the listener is bound and open (for readiness). */
    public boolean accepting() {
        Channel l = listener;
        return l != null && l.isActive() && !server.closing;
    }

    /**
     * Graceful stop: no new connections; idle clients are disconnected at once, a client in the
     * middle of a command gets its answer first (up to {@link #DRAIN_TIMEOUT_SECONDS}), then every
     * session is released and the event loops stop.
     */
    @Override
    public void close() {
        if (listener == null) return;
        listener.close().syncUninterruptibly();
        server.closing = true;
        server.connections.forEach(ClientConnection::closeIfIdle);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DRAIN_TIMEOUT_SECONDS);
        while (!server.connections.isEmpty() && System.nanoTime() < deadline) {
            server.connections.forEach(ClientConnection::closeIfIdle);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        clients.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        if (ownsLoops) loops.close();
        listener = null;
    }
}
