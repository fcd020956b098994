package io.dbmesh.proxy.auth;

/** The client went away or broke the protocol in the middle of authentication. */
public final class AuthAbortedException extends Exception {
    public AuthAbortedException(String message) {
        super(message, null, false, false);
    }
}
