package io.dbmesh.proxy.server;

/**
 * The client connection closed (or must be closed) while its command thread was reading or
 * writing; unwinds the command thread, which then releases the session.
 */
final class ClientGoneException extends RuntimeException {
    ClientGoneException(String message) {
        super(message, null, false, false);
    }
}
