package io.dbmesh.mesh.telemetry;

/** Why a client connection got no session (the {@code reason} label of dbmesh_sessions_refused_total). */
public enum RefusalReason {
    /** listener.max_connections reached */
    MAX_CONNECTIONS,
    /** unknown user or wrong password */
    AUTHENTICATION,
    /** the user may not use the requested database, or it does not exist */
    DATABASE,
    /** tls.required and the client did not switch to TLS */
    TLS_REQUIRED,
    /** a malformed handshake */
    HANDSHAKE,
    /** refused by a policy (limits, firewall) */
    POLICY;

    /** The label value. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
