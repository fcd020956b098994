package io.dbmesh.proxy.server;

import io.dbmesh.proxy.loop.LoopThreads;
import io.netty.channel.EventLoop;

/**
 * What kind of thread runs a connection's commands (one per connection, never shared).
 *
 * <p>LOOP (default where {@link LoopThreads#available()}): a virtual thread scheduled on the
 * connection's own event loop, whose backend sockets live on that loop too (io.dbmesh.proxy.loop),
 * so a whole round trip runs on one thread. Measured with sysbench point select through the sidecar
 * on the 2-core dev box, alternating runs of the two builds under the same load: 25-28 µs of
 * sidecar CPU per query against 33-39 µs with VIRTUAL, ~4.4 system calls instead of ~7.9, no futex.
 *
 * <p>VIRTUAL scales to any number of mostly idle connections. PLATFORM trades that for
 * CPU: a handler blocking on a JDBC socket then blocks in the kernel, where a virtual thread goes
 * through the JDK poller (re-arming epoll, parking, unparking its carrier) on every backend round
 * trip. Measured with sysbench point-select through the whole sidecar on the 2-core dev box: with
 * the JDK's defaults ~50 µs of sidecar CPU per query with VIRTUAL; with the scheduler sized by
 * bin/dbmesh (one carrier and one read poller per two cores) ~33-40 µs, as low as PLATFORM
 * (35-50 µs; its Connector/J reads still go through poll(2), because the socket turned
 * non-blocking for the timed connect and handshake and stays so). PLATFORM remains for A/B runs.
 * Chosen with the system property {@code dbmesh.commandThreads=loop|virtual|platform}.
 */
enum CommandThreads {
    LOOP, VIRTUAL, PLATFORM;

    /** LOOP when the loops run command threads, else what {@code dbmesh.commandThreads} asks for. */
    static CommandThreads choose(boolean loopThreads) {
        if (loopThreads) return LOOP;
        return "platform".equalsIgnoreCase(System.getProperty("dbmesh.commandThreads")) ? PLATFORM : VIRTUAL;
    }

    Thread start(String name, EventLoop loop, Runnable connection) {
        return switch (this) {
            case LOOP -> LoopThreads.start(name, loop, connection);
            case VIRTUAL -> Thread.ofVirtual().name(name).start(connection);
            // small stacks: the command path is shallow; daemon: never holds the JVM up
            case PLATFORM -> Thread.ofPlatform().name(name).daemon().stackSize(512 * 1024).start(connection);
        };
    }
}
