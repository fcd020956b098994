package io.dbmesh.proxy.auth;

import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The server's RSA key pair for caching_sha2_password full authentication without TLS. Generated
 * on first use, never persisted: generating a 2048-bit pair costs a noticeable fraction of a
 * second of CPU, which start-up should not pay for a path only clients without TLS and without a
 * cached password take.
 */
public final class RsaKeys {
    private final ReentrantLock lock = new ReentrantLock();
    private volatile KeyPair keyPair;

    public static RsaKeys generatedOnFirstUse() {
        return new RsaKeys();
    }

    private KeyPair keyPair() {
        KeyPair k = keyPair;
        if (k != null) return k;
        lock.lock(); // a lock, not synchronized: callers are virtual threads
        try {
            if (keyPair == null) keyPair = generate();
            return keyPair;
        } finally {
            lock.unlock();
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is part of every JDK", e);
        }
    }

    /** The public key as PEM (X.509 SubjectPublicKeyInfo), what clients expect after 0x02. */
    public byte[] publicKeyPem() {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keyPair().getPublic().getEncoded());
        return ("-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Decrypts what the client encrypted with the public key. MySQL ≥ 8.0.5 clients use OAEP; MySQL
     * Connector/J talking to a server whose version looks older (dbmesh announces 5.5.5-… for
     * compatibility) falls back to PKCS#1 v1.5, so both are accepted.
     */
    public byte[] decrypt(byte[] encrypted) throws GeneralSecurityException {
        try {
            return decrypt("RSA/ECB/OAEPWithSHA-1AndMGF1Padding", encrypted);
        } catch (BadPaddingException | IllegalBlockSizeException oaepFailed) {
            return decrypt("RSA/ECB/PKCS1Padding", encrypted);
        }
    }

    private byte[] decrypt(String transformation, byte[] encrypted) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(transformation);
        cipher.init(Cipher.DECRYPT_MODE, keyPair().getPrivate());
        return cipher.doFinal(encrypted);
    }
}
