package io.dbmesh.proxy.loop;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.DuplexChannel;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketOption;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * A {@link Socket} for Connector/J whose bytes travel over a Netty channel on one of the sidecar's
 * event loops instead of a JDK socket: reads wait for {@link InboundBytes}, writes go to the channel.
 * A command thread scheduled on the same loop ({@link LoopThreads}) thus does its whole backend round
 * trip without another thread waking up. Blocking semantics are those of a socket: reads block
 * (up to {@code soTimeout}), writes block while the backend does not read.
 *
 * <p>Only what Connector/J uses is implemented: connect with a timeout, streams, timeouts, the usual
 * TCP options, close. {@link #bind} is refused (the driver's {@code localSocketAddress} option).
 */
final class LoopSocket extends Socket {
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);

    private final IoLoops loops;
    private final InboundBytes inbound = new InboundBytes();
    private volatile Channel channel;
    private volatile boolean closed;
    private volatile int soTimeout;
    private boolean tcpNoDelay = true;
    private boolean keepAlive;
    private int linger = -1;
    private InputStream in;
    private OutboundBytes out;
    /** Where this socket's round trips are counted ({@link IoLoops#roundTrips()}). */
    private final LongAdder roundTrips;
    /** Something was written since the last read: the next read waits for an answer (one round trip). */
    private volatile boolean awaitingAnswer;

    LoopSocket(IoLoops loops, LongAdder roundTrips) {
        this.loops = loops;
        this.roundTrips = roundTrips;
    }

    /** Bytes went to the backend (a command, or several back to back). */
    void wrote() {
        awaitingAnswer = true;
    }

    @Override
    public void connect(SocketAddress endpoint) throws IOException {
        connect(endpoint, 0);
    }

    @Override
    public void connect(SocketAddress endpoint, int timeoutMillis) throws IOException {
        if (closed) throw new SocketException("Socket is closed");
        if (channel != null) throw new SocketException("already connected");
        if (!(endpoint instanceof InetSocketAddress address)) throw new IllegalArgumentException("Unsupported address type");
        if (address.isUnresolved()) throw new UnknownHostException(address.getHostName());
        Bootstrap bootstrap = new Bootstrap()
                .group(loops.loopForNewSocket())
                .channel(loops.socketChannelType())
                .option(ChannelOption.TCP_NODELAY, tcpNoDelay)
                .option(ChannelOption.SO_KEEPALIVE, keepAlive)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.max(0, timeoutMillis))
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .handler(inbound);
        if (linger >= 0) bootstrap.option(ChannelOption.SO_LINGER, linger);
        ChannelFuture connecting = bootstrap.connect(address);
        try {
            connecting.await();
        } catch (InterruptedException e) {
            connecting.cancel(false);
            connecting.channel().close();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while connecting to " + address);
        }
        if (!connecting.isSuccess()) {
            connecting.channel().close();
            Throwable cause = connecting.cause();
            if (cause instanceof ConnectTimeoutException) throw new SocketTimeoutException("Connect timed out");
            ConnectException failed = new ConnectException(cause == null ? "connection failed" : cause.getMessage());
            if (cause != null) failed.initCause(cause);
            throw failed;
        }
        Channel connected = connecting.channel();
        synchronized (this) {
            channel = connected;
            in = new Input();
            out = new OutboundBytes(connected, inbound, this);
        }
        if (closed) {
            connected.close();
            throw new SocketException("Socket is closed");
        }
    }

    @Override
    public void bind(SocketAddress local) throws IOException {
        throw new SocketException("dbmesh backend sockets do not bind a local address (drop localSocketAddress from the data source URL)");
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
        if (closed) throw new SocketException("Socket is closed");
        if (channel == null) throw new SocketException("Socket is not connected");
        return in;
    }

    @Override
    public synchronized OutputStream getOutputStream() throws IOException {
        if (closed) throw new SocketException("Socket is closed");
        if (channel == null) throw new SocketException("Socket is not connected");
        return out;
    }

    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        Channel c = channel;
        if (c != null) c.close();
        inbound.discard();
        OutboundBytes o;
        synchronized (this) {
            o = out;
        }
        if (o != null) o.discard();
        super.close();
    }

    @Override
    public void shutdownOutput() throws IOException {
        if (channel instanceof DuplexChannel duplex) duplex.shutdownOutput();
    }

    @Override
    public void shutdownInput() throws IOException {
        inbound.discard();
    }

    @Override
    public boolean isConnected() {
        return channel != null;
    }

    @Override
    public boolean isBound() {
        return channel != null;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public InetAddress getInetAddress() {
        return channel != null && channel.remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
    }

    @Override
    public int getPort() {
        return channel != null && channel.remoteAddress() instanceof InetSocketAddress a ? a.getPort() : 0;
    }

    @Override
    public InetAddress getLocalAddress() {
        return channel != null && channel.localAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
    }

    @Override
    public int getLocalPort() {
        return channel != null && channel.localAddress() instanceof InetSocketAddress a ? a.getPort() : -1;
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return channel == null ? null : channel.remoteAddress();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return channel == null ? null : channel.localAddress();
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        if (timeout < 0) throw new IllegalArgumentException("timeout < 0");
        soTimeout = timeout;
    }

    @Override
    public int getSoTimeout() {
        return soTimeout;
    }

    @Override
    public void setTcpNoDelay(boolean on) {
        tcpNoDelay = on;
        Channel c = channel;
        if (c != null) c.config().setOption(ChannelOption.TCP_NODELAY, on);
    }

    @Override
    public boolean getTcpNoDelay() {
        return tcpNoDelay;
    }

    @Override
    public void setKeepAlive(boolean on) {
        keepAlive = on;
        Channel c = channel;
        if (c != null) c.config().setOption(ChannelOption.SO_KEEPALIVE, on);
    }

    @Override
    public boolean getKeepAlive() {
        return keepAlive;
    }

    @Override
    public void setSoLinger(boolean on, int seconds) {
        linger = on ? Math.max(0, seconds) : -1;
        Channel c = channel;
        if (c != null) c.config().setOption(ChannelOption.SO_LINGER, linger);
    }

    @Override
    public int getSoLinger() {
        return linger;
    }

    @Override
    public void setReceiveBufferSize(int size) {
        // the kernel's auto-tuning serves a loopback sidecar better than a fixed size
    }

    @Override
    public void setSendBufferSize(int size) {
        // as above
    }

    @Override
    public <T> Socket setOption(SocketOption<T> name, T value) throws IOException {
        if (name == StandardSocketOptions.TCP_NODELAY) setTcpNoDelay((Boolean) value);
        else if (name == StandardSocketOptions.SO_KEEPALIVE) setKeepAlive((Boolean) value);
        else if (name == StandardSocketOptions.SO_LINGER) setSoLinger((Integer) value >= 0, (Integer) value);
        else throw new UnsupportedOperationException("socket option " + name + " on a dbmesh backend socket");
        return this;
    }

    @Override
    public Set<SocketOption<?>> supportedOptions() {
        return Set.of(StandardSocketOptions.TCP_NODELAY, StandardSocketOptions.SO_KEEPALIVE, StandardSocketOptions.SO_LINGER);
    }

    @Override
    public String toString() {
        return "LoopSocket[" + (channel == null ? "unconnected" : channel.remoteAddress()) + (closed ? ", closed" : "") + "]";
    }

    /** The reading end Connector/J sees. */
    private final class Input extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            java.util.Objects.checkFromIndexSize(offset, length, into.length);
            if (closed) throw new SocketException("Socket closed");
            if (awaitingAnswer) {
                awaitingAnswer = false;
                roundTrips.increment();
            }
            return inbound.read(into, offset, length, soTimeout);
        }

        @Override
        public int available() {
            return inbound.available();
        }

        @Override
        public void close() throws IOException {
            LoopSocket.this.close();
        }
    }
}
