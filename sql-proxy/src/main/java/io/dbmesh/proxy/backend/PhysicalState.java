package io.dbmesh.proxy.backend;

/**
 * What one physical backend connection carries between borrows: the session state last applied to
 * it. Tracking this per physical connection lets a session apply only the difference to its own
 * state when it borrows a connection — usually nothing, because the pool hands a session's thread
 * the connection it used last — instead of resetting every connection on return.
 */
final class PhysicalState {
    /** Marks a connection whose state is unknown after a failed replay; it is discarded. */
    static final ConnectionState UNKNOWN = ConnectionState.INITIAL.withVariable("@dbmesh_unknown_state", "1");

    ConnectionState applied = ConnectionState.INITIAL;
    /** LAST_INSERT_ID() on this connection, as far as the sidecar has seen it change. */
    long lastInsertId;
    /** Server-side prepared statements kept on this connection (binary protocol to the backend). */
    final ServerStatements statements = new ServerStatements();
}
