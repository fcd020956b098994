package io.dbmesh.proxy.auth;

import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

/**
 * The server's RSA key pair for caching_sha2_password full authentication without TLS. Generated
 * in the background when the server starts (it takes a noticeable fraction of a second and is
 * needed only by a client that asks for the public key), never persisted.
 */
public final class RsaKeys {
    private final CompletableFuture<KeyPair> keyPair;

    private RsaKeys(CompletableFuture<KeyPair> keyPair) {
        this.keyPair = keyPair;
    }

    public static RsaKeys generateInBackground() {
        return new RsaKeys(CompletableFuture.supplyAsync(RsaKeys::generate, r -> Thread.ofVirtual().name("dbmesh-rsa-keygen").start(r)));
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
                .encodeToString(keyPair.join().getPublic().getEncoded());
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
        cipher.init(Cipher.DECRYPT_MODE, keyPair.join().getPrivate());
        return cipher.doFinal(encrypted);
    }
}
