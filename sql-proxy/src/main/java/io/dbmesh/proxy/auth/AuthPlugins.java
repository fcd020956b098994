package io.dbmesh.proxy.auth;

import java.util.Optional;

/** The plugins of one server instance, by name (they share its sha2 cache and RSA keys). */
public final class AuthPlugins {
    private final MysqlNativePassword nativePassword = new MysqlNativePassword();
    private final CachingSha2Password cachingSha2;

    public AuthPlugins(Sha2AuthCache cache, RsaKeys rsaKeys) {
        this.cachingSha2 = new CachingSha2Password(cache, rsaKeys);
    }

    public Optional<AuthPlugin> byName(String name) {
        if (MysqlNativePassword.NAME.equals(name)) return Optional.of(nativePassword);
        if (CachingSha2Password.NAME.equals(name)) return Optional.of(cachingSha2);
        return Optional.empty();
    }

    /** A user's configured plugin; mysql_native_password when none is configured. */
    public AuthPlugin forUser(String configuredName) {
        return byName(configuredName == null || configuredName.isBlank() ? MysqlNativePassword.NAME : configuredName)
                .orElseThrow(() -> new IllegalArgumentException("unsupported auth plugin '" + configuredName
                        + "' (supported: mysql_native_password, caching_sha2_password)"));
    }
}
