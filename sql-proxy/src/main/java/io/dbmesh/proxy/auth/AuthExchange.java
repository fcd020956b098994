package io.dbmesh.proxy.auth;

/**
 * The part of the connection an auth plugin talks through after the client's first response:
 * further rounds of caching_sha2_password (fast-auth result, public key, full password).
 */
public interface AuthExchange {

    /** Sends protocol::AuthMoreData (0x01 + data). */
    void sendMoreData(byte[] data);

    /** Reads the client's next auth packet. */
    byte[] read() throws AuthAbortedException;

    /** True when the connection is encrypted, so a clear-text password may cross it. */
    boolean secure();
}
