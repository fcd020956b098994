package io.dbmesh.proxy.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * mysql_native_password: the client sends SHA1(pw) XOR SHA1(scramble + SHA1(SHA1(pw))); an empty
 * password is an empty response.
 */
public final class MysqlNativePassword implements AuthPlugin {
    public static final String NAME = "mysql_native_password";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean authenticate(String user, String password, byte[] scramble, byte[] response, AuthExchange exchange) {
        return verify(password, scramble, response);
    }

    static boolean verify(String password, byte[] scramble, byte[] response) {
        if (password == null || password.isEmpty()) return response.length == 0;
        if (response.length != 20) return false;
        return MessageDigest.isEqual(response, scramble(password, scramble));
    }

    /** What a client with {@code password} answers to {@code scramble} (also used by tests). */
    public static byte[] scramble(String password, byte[] scramble) {
        byte[] stage1 = Digests.sha1(password.getBytes(StandardCharsets.UTF_8));
        byte[] stage2 = Digests.sha1(stage1);
        return Digests.xor(stage1, Digests.sha1(scramble, stage2));
    }
}
