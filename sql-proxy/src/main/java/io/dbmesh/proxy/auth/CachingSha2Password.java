package io.dbmesh.proxy.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * caching_sha2_password, server side:
 * <ol>
 *   <li>The client answers the scramble with SHA256(pw) XOR SHA256(SHA256(SHA256(pw)) + scramble).</li>
 *   <li>Fast path: when the user is in the {@link Sha2AuthCache}, the answer is checked against the
 *   cached digest and the server sends fast-auth-success (0x03), then OK.</li>
 *   <li>Otherwise the server asks for full authentication (0x04): over TLS the client sends the
 *   clear password (NUL-terminated); in the clear it asks for the RSA public key (0x02), gets it as
 *   PEM, and sends RSA(password + NUL XOR scramble). A success fills the cache.</li>
 * </ol>
 * An empty password is an empty first response and never needs more rounds.
 */
public final class CachingSha2Password implements AuthPlugin {
    public static final String NAME = "caching_sha2_password";
    static final byte FAST_AUTH_SUCCESS = 0x03;
    static final byte PERFORM_FULL_AUTHENTICATION = 0x04;
    static final byte REQUEST_PUBLIC_KEY = 0x02;

    private final Sha2AuthCache cache;
    private final RsaKeys rsaKeys;

    public CachingSha2Password(Sha2AuthCache cache, RsaKeys rsaKeys) {
        this.cache = cache;
        this.rsaKeys = rsaKeys;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean authenticate(String user, String password, byte[] scramble, byte[] response, AuthExchange exchange)
            throws AuthAbortedException {
        if (password == null || password.isEmpty()) return response.length == 0;
        if (response.length == 0) return false;
        byte[] pw = password.getBytes(StandardCharsets.UTF_8);
        byte[] stage2 = Digests.sha256(Digests.sha256(pw));
        if (cache.contains(user, stage2)) {
            if (!fastAuthMatches(response, stage2, scramble)) return false;
            exchange.sendMoreData(new byte[]{FAST_AUTH_SUCCESS});
            return true;
        }
        exchange.sendMoreData(new byte[]{PERFORM_FULL_AUTHENTICATION});
        byte[] next = exchange.read();
        byte[] clear;
        if (exchange.secure()) {
            clear = stripNul(next);
        } else {
            if (next.length == 1 && next[0] == REQUEST_PUBLIC_KEY) {
                exchange.sendMoreData(rsaKeys.publicKeyPem());
                next = exchange.read();
            }
            try {
                clear = stripNul(Digests.xor(rsaKeys.decrypt(next), scramble));
            } catch (GeneralSecurityException e) {
                return false;
            }
        }
        boolean ok = MessageDigest.isEqual(clear, pw);
        if (ok) cache.put(user, stage2);
        return ok;
    }

    /** Recovers SHA256(pw) from the response and checks that it hashes to the cached digest. */
    static boolean fastAuthMatches(byte[] response, byte[] stage2, byte[] scramble) {
        if (response.length != 32) return false;
        byte[] stage1 = Digests.xor(response, Digests.sha256(stage2, scramble));
        return MessageDigest.isEqual(Digests.sha256(stage1), stage2);
    }

    /** What a client with {@code password} answers to {@code scramble} (also used by tests). */
    public static byte[] scramble(String password, byte[] scramble) {
        byte[] stage1 = Digests.sha256(password.getBytes(StandardCharsets.UTF_8));
        byte[] stage2 = Digests.sha256(stage1);
        return Digests.xor(stage1, Digests.sha256(stage2, scramble));
    }

    private static byte[] stripNul(byte[] b) {
        int end = b.length;
        while (end > 0 && b[end - 1] == 0) end--;
        return Arrays.copyOf(b, end);
    }
}
