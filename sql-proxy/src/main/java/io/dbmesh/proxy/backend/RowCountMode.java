package io.dbmesh.proxy.backend;

/**
 * Which number an UPDATE reports as affected rows, fixed per backend connection at its handshake
 * by the CLIENT_FOUND_ROWS capability. The sidecar mirrors what its client negotiated, so it keeps
 * backend connections of both kinds (the second kind is only created when a client asks for it):
 * JDBC drivers ask for FOUND, the mysql CLI and libmysqlclient-based programs for CHANGED.
 */
public enum RowCountMode {
    /** Rows actually changed (the MySQL default). */
    CHANGED,
    /** Rows matched by the WHERE clause (CLIENT_FOUND_ROWS, what JDBC drivers ask for). */
    FOUND
}
