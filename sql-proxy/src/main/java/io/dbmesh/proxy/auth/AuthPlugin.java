package io.dbmesh.proxy.auth;

/**
 * A server-side authentication method. The server knows each user's clear-text password from
 * config, so a plugin checks the client's proof of knowing it against the handshake scramble.
 */
public sealed interface AuthPlugin permits MysqlNativePassword, CachingSha2Password {

    String name();

    /**
     * @param firstResponse the client's answer to the scramble (from the handshake response, the
     *                      auth switch response or COM_CHANGE_USER)
     * @return whether the client proved knowledge of {@code password}
     */
    boolean authenticate(String user, String password, byte[] scramble, byte[] firstResponse, AuthExchange exchange)
            throws AuthAbortedException;
}
