package io.dbmesh.proxy.auth;

import java.security.MessageDigest;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The caching_sha2_password cache of SHA256(SHA256(password)) per user, filled only after a
 * successful full authentication, as in MySQL: only a user that proved its password in full
 * (over TLS or RSA) since this server started may use the one-round-trip fast path.
 *
 * <p>Why not fill it from config up front (we know the clear passwords)? It would make full
 * authentication unreachable, and clients rely on the server saying which path it takes
 * (fast-auth-success 0x03 vs perform-full-authentication 0x04). Entries are keyed by the digest
 * of the password <em>currently</em> configured, so changing a password in config invalidates the
 * fast path at once. One cache per server instance, never global.
 */
public final class Sha2AuthCache {
    private final ConcurrentHashMap<String, byte[]> digestsByUser = new ConcurrentHashMap<>();

    boolean contains(String user, byte[] currentStage2) {
        byte[] cached = digestsByUser.get(user);
        return cached != null && MessageDigest.isEqual(cached, currentStage2);
    }

    void put(String user, byte[] stage2) {
        digestsByUser.put(user, stage2);
    }
}
