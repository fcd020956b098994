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

/**
 * The TLS side of the listener: an SslContext from the configured PEM certificate chain and
 * PKCS#8 key, or — when TLS is enabled without them — from a self-signed certificate generated at
 * start, which is logged as development only (clients cannot verify it).
 */
public final class ServerTls {
    private static final Logger log = LoggerFactory.getLogger(ServerTls.class);

    private ServerTls() {
    }

    /** @return null when TLS is disabled */
    public static SslContext context(TlsConfig config) {
        if (config == null || !config.enabled()) return null;
        try {
            SslContextBuilder builder;
            if (config.certificate() != null && config.privateKey() != null) {
                if (!Files.isReadable(config.certificate()) || !Files.isReadable(config.privateKey())) {
                    throw new IllegalArgumentException("TLS certificate " + config.certificate() + " or key "
                            + config.privateKey() + " is not readable");
                }
                builder = SslContextBuilder.forServer(config.certificate().toFile(), config.privateKey().toFile());
                log.info("TLS enabled with certificate {}", config.certificate());
            } else {
                KeyPair keys = SelfSignedCertificate.newKeyPair();
                X509Certificate cert = SelfSignedCertificate.create(keys, "dbmesh-dev");
                builder = SslContextBuilder.forServer(keys.getPrivate(), cert);
                log.warn("TLS enabled with a generated self-signed certificate: development only "
                        + "(configure tls.certificate and tls.private_key for production)");
            }
            return builder.sslProvider(SslProvider.JDK)
                    .protocols("TLSv1.3", "TLSv1.2")
                    .clientAuth(ClientAuth.NONE)
                    .build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot create the self-signed TLS certificate: " + e.getMessage(), e);
        }
    }
}
