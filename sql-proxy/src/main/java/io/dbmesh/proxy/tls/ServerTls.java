package io.dbmesh.proxy.tls;

import io.dbmesh.proxy.config.TlsConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The TLS side of the listener: an SslContext from the configured PEM certificate chain and
 * PKCS#8 key (loaded at start, so a bad file stops the start), or — when TLS is enabled without
 * them — from a self-signed certificate generated in the background at start (its key generation
 * would otherwise add to start-up time), logged as development only: clients cannot verify it.
 */
public final class ServerTls {
    private static final Logger log = LoggerFactory.getLogger(ServerTls.class);

    private final CompletableFuture<SslContext> context;

    private ServerTls(CompletableFuture<SslContext> context) {
        this.context = context;
    }

    /** @return null when TLS is disabled */
    public static ServerTls start(TlsConfig config) {
        if (config == null || !config.enabled()) return null;
        if (config.certificate() != null && config.privateKey() != null) {
            if (!Files.isReadable(config.certificate()) || !Files.isReadable(config.privateKey())) {
                throw new IllegalArgumentException("TLS certificate " + config.certificate() + " or key "
                        + config.privateKey() + " is not readable");
            }
            try {
                SslContext ctx = configure(SslContextBuilder.forServer(config.certificate().toFile(), config.privateKey().toFile()));
                log.info("TLS enabled with certificate {}", config.certificate());
                return new ServerTls(CompletableFuture.completedFuture(ctx));
            } catch (SSLException | IllegalArgumentException e) {
                throw new IllegalArgumentException("cannot set up TLS from " + config.certificate() + " and "
                        + config.privateKey() + ": " + e.getMessage(), e);
            }
        }
        log.warn("TLS enabled with a generated self-signed certificate: development only "
                + "(configure tls.certificate and tls.private_key for production)");
        return new ServerTls(CompletableFuture.supplyAsync(ServerTls::selfSigned,
                r -> Thread.ofVirtual().name("dbmesh-tls-keygen").start(r)));
    }

    /** The context (waits for the self-signed certificate if it is still being generated). */
    public SslContext context() {
        try {
            return context.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("TLS is unavailable: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static SslContext selfSigned() {
        try {
            KeyPair keys = SelfSignedCertificate.newKeyPair();
            X509Certificate cert = SelfSignedCertificate.create(keys, "dbmesh-dev");
            return configure(SslContextBuilder.forServer(keys.getPrivate(), cert));
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the self-signed TLS certificate: " + e.getMessage(), e);
        }
    }

    private static SslContext configure(SslContextBuilder builder) throws SSLException {
        return builder.sslProvider(SslProvider.JDK)
                .protocols("TLSv1.3", "TLSv1.2")
                .clientAuth(ClientAuth.NONE)
                .build();
    }
}
