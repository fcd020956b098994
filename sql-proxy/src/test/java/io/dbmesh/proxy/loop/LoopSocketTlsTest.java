package io.dbmesh.proxy.loop;

import io.dbmesh.proxy.config.TlsConfig;
import io.dbmesh.proxy.tls.ServerTls;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Connector/J layers its TLS socket (sslMode other than disable) over the socket its factory made:
 * the JDK's SSLSocket must work over a {@link LoopSocket}. Against a TLS echo server on the loops.
 */
class LoopSocketTlsTest {
    static IoLoops loops;
    static Channel server;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(LoopThreads.available(), "needs JDK 24+ with --add-opens java.base/java.lang");
        loops = IoLoops.start(1);
        ServerTls tls = ServerTls.start(new TlsConfig(true, null, null, false)); // self-signed
        server = new ServerBootstrap().group(loops.group()).channel(loops.serverChannelType())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(tls.context().newHandler(ch.alloc()), new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                ctx.writeAndFlush(msg); // echo
                            }
                        });
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        port = ((InetSocketAddress) server.localAddress()).getPort();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close().syncUninterruptibly();
        if (loops != null) loops.close();
    }

    static String roundTrip(String text) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[]{new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        LoopSocket plain = (LoopSocket) loops.newSocket();
        plain.setSoTimeout(10_000);
        plain.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, "127.0.0.1", port, true)) {
            tls.setUseClientMode(true);
            tls.startHandshake();
            OutputStream out = tls.getOutputStream();
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = tls.getInputStream();
            byte[] expected = text.getBytes(StandardCharsets.UTF_8);
            byte[] got = in.readNBytes(expected.length);
            return new String(got, StandardCharsets.UTF_8);
        }
    }

    @Test
    void tlsOverALoopSocketFromAPlatformThread() throws Exception {
        assertThat(roundTrip("hello over tls")).isEqualTo("hello over tls");
    }

    @Test
    void tlsOverALoopSocketFromACommandThreadOnTheLoop() throws Exception {
        String big = "x".repeat(300_000); // several TLS records, more than one socket read
        CompletableFuture<String> answer = new CompletableFuture<>();
        LoopThreads.start("tls", loops.group().next(), () -> {
            try {
                answer.complete(roundTrip(big));
            } catch (Throwable t) {
                answer.completeExceptionally(t);
            }
        });
        assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo(big);
    }
}
