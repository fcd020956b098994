package io.dbmesh.proxy.auth;

import java.security.SecureRandom;

/** The 20-byte nonce of the handshake, from printable ASCII without '\0' and '$' like the server's. */
public final class Scramble {
    public static final int LENGTH = 20;

    private Scramble() {
    }

    public static byte[] generate(SecureRandom random) {
        byte[] s = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            byte b;
            do {
                b = (byte) (0x21 + random.nextInt(0x7f - 0x21));
            } while (b == '$');
            s[i] = b;
        }
        return s;
    }
}
