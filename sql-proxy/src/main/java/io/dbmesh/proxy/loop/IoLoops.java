package io.dbmesh.proxy.loop;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The sidecar's I/O event loops (epoll where available, NIO otherwise), shared by the client
 * listener, the command threads ({@link LoopThreads}) and the backend sockets ({@link LoopSocket}).
 *
 * <p>Connector/J creates socket factories by class name, so it cannot be handed this object: the
 * JDBC URL carries {@link #id() an id} that {@code backend.LoopSocketFactory} looks up in a registry
 * of open instances. That registry is the one static here; each sidecar (tests run several in one
 * JVM) registers its own loops under its own id and removes them on {@link #close()}.
 */
public final class IoLoops implements AutoCloseable {
    private static final Map<String, IoLoops> OPEN = new ConcurrentHashMap<>();
    private static final AtomicLong IDS = new AtomicLong();
    /** The JDBC URL option naming the loops a connection's socket runs on. */
    public static final String ID_OPTION = "dbmeshIoLoops";
    /** The JDBC URL option naming the data source a connection serves (its round trips are counted under it). */
    public static final String DATA_SOURCE_OPTION = "dbmeshDataSource";

    private final String id = Long.toString(IDS.incrementAndGet());
    private final boolean epoll;
    private final EventLoopGroup group;
    private final boolean loopThreads;
    /** Round trips of the backend sockets, by data source ({@link LoopSocket}: a read after a write). */
    private final Map<String, LongAdder> roundTrips = new ConcurrentHashMap<>();

    private IoLoops(int threads, boolean loopThreads) {
        this.epoll = Epoll.isAvailable();
        this.group = newGroup(threads, "dbmesh-io");
        this.loopThreads = loopThreads;
        OPEN.put(id, this);
    }

    /**
     * {@code threads} event loops (half the cores by default, see ProxyServer). Command threads and
     * backend sockets live on them when {@link LoopThreads#available()} and the system property
     * {@code dbmesh.commandThreads} does not ask for {@code virtual} or {@code platform} threads.
     */
    public static IoLoops start(int threads) {
        String mode = System.getProperty("dbmesh.commandThreads", "loop");
        return new IoLoops(threads, "loop".equalsIgnoreCase(mode) && LoopThreads.available());
    }

    /** Event loops of the same transport as these, for other work (the listener's acceptor). */
    public EventLoopGroup newGroup(int threads, String name) {
        return epoll ? new EpollEventLoopGroup(threads, new DefaultThreadFactory(name))
                : new NioEventLoopGroup(threads, new DefaultThreadFactory(name));
    }

    public static IoLoops byId(String id) {
        return id == null ? null : OPEN.get(id);
    }

    public EventLoopGroup group() {
        return group;
    }

    public String transport() {
        return epoll ? "epoll" : "nio";
    }

    /** True when command threads and backend sockets run on these loops. */
    public boolean loopThreads() {
        return loopThreads;
    }

    public Class<? extends ServerChannel> serverChannelType() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    Class<? extends SocketChannel> socketChannelType() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /** The loop a new backend socket joins: the caller's own when it runs on one of ours. */
    EventLoop loopForNewSocket() {
        EventLoop home = LoopThreads.currentLoop();
        if (home != null && home.parent() == group) return home;
        return group.next();
    }

    /** The id a JDBC URL names these loops by ({@link #ID_OPTION}). */
    public String id() {
        return id;
    }

    /** An unconnected socket whose I/O runs on these loops (what the driver's socket factory hands out). */
    public java.net.Socket newSocket() {
        return newSocket(null);
    }

    /** As {@link #newSocket()}, its round trips counted for {@code dataSource} (null: under ""). */
    public java.net.Socket newSocket(String dataSource) {
        return new LoopSocket(this, roundTrips.computeIfAbsent(dataSource == null ? "" : dataSource, k -> new LongAdder()));
    }

    /**
     * Round trips the backend sockets made so far, by data source: each time a socket reads after
     * having written (a command sent, its answer awaited) counts one, however many commands went out
     * back to back before the read. Connecting and pool validation count too.
     */
    public Map<String, Long> roundTrips() {
        Map<String, Long> out = new java.util.TreeMap<>();
        roundTrips.forEach((ds, n) -> out.put(ds, n.sum()));
        return out;
    }

    /** The round trips of {@code dataSource}'s backend sockets so far (0 when it has none). */
    public long roundTrips(String dataSource) {
        LongAdder n = roundTrips.get(dataSource);
        return n == null ? 0 : n.sum();
    }

    @Override
    public void close() {
        OPEN.remove(id, this);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
