package io.dbmesh.proxy.session;

import io.dbmesh.proxy.backend.BackendTraits;
import io.dbmesh.proxy.backend.ConnectionState;
import io.dbmesh.core.sql.SqlDialect;
import io.dbmesh.proxy.text.ClientCharset;

/**
 * What a client session has set, independent of any backend connection: the logical database,
 * the replayable connection state, autocommit, and the protocol options the client chose.
 */
final class SessionState {
    /** The database the client selected: a logical name, "information_schema", or null. */
    String database;
    /** The logical database whose data source serves the session (the selected one, or a default). */
    LogicalDatabase serving;
    ConnectionState connection = ConnectionState.INITIAL;
    boolean autocommit = true;
    boolean multiStatements;
    /** LAST_INSERT_ID() as the session would see it on a single MySQL connection. */
    long lastInsertId;
    /**
     * The client's character_set_client (handshake, SET NAMES, SET character_set_client): what its
     * statement bytes are decoded with. The backend connections keep utf8mb4 as theirs, because
     * Connector/J sends the decoded text as UTF-8 (see {@link ClientCharsets}).
     */
    ClientCharset clientCharset = ClientCharset.UTF8MB4;
    /** Server status of the last backend reply (for NO_BACKSLASH_ESCAPES between statements). */
    int lastBackendStatus = 0x0002;
    /** How the serving backend reads statement text (executable comments), from its version. */
    SqlDialect dialect = SqlDialect.DEFAULT;
    /** The backend facts {@link #dialect} was derived from (compared by identity: derived once). */
    BackendTraits dialectOf;

    /** The data source of the serving logical database: where session statements (SET, SHOW, …) run. */
    String servingDataSource() throws io.dbmesh.core.error.MySqlException {
        if (serving == null) throw io.dbmesh.core.error.MySqlException.noDatabaseSelected();
        return serving.defaultDataSource();
    }

    /** Takes the dialect of the backend that just served the session (usually the one it already has). */
    void servedBy(BackendTraits traits) {
        if (traits != dialectOf) {
            dialectOf = traits;
            dialect = SqlDialect.of(traits.version());
        }
    }
}
