package io.dbmesh.proxy.config;

import java.nio.file.Path;

/**
 * TLS for client connections. Enabled with no certificate configured means a self-signed one is
 * generated at start (development only: it is logged as such).
 *
 * @param certificate PEM certificate chain, or null
 * @param privateKey  PEM private key (PKCS#8), or null
 * @param required    refuse clients that do not switch to TLS
 */
public record TlsConfig(boolean enabled, Path certificate, Path privateKey, boolean required) {
    public static final TlsConfig SELF_SIGNED = new TlsConfig(true, null, null, false);
}
