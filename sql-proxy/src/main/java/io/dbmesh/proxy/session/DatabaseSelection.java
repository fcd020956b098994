package io.dbmesh.proxy.session;

import io.dbmesh.proxy.backend.ConnectionState;
import io.dbmesh.proxy.command.ClientInfo;
import io.dbmesh.core.error.MySqlException;
import io.dbmesh.proxy.config.UserConfig;

/**
 * Which database a session is in and which logical database serves it: the one named at connect,
 * then USE / COM_INIT_DB. The sidecar answers these itself because the client speaks logical names
 * and the backend knows only physical ones.
 */
final class DatabaseSelection {

    /** A step that runs with another database selected. */
    interface Step {
        void run() throws MySqlException;
    }

    private final ClientInfo client;
    private final UserConfig user;
    private final LogicalDatabases databases;
    private final SessionState state;

    DatabaseSelection(ClientInfo client, UserConfig user, LogicalDatabases databases, SessionState state) {
        this.client = client;
        this.user = user;
        this.databases = databases;
        this.state = state;
    }

    /**
     * The database of the handshake (checked by {@link SessionFactory}), also after
     * COM_RESET_CONNECTION. Without one, the user's default logical database serves the session.
     */
    void selectInitial() {
        state.database = client.database();
        LogicalDatabase db = databases.find(client.database());
        state.serving = db != null ? db : databases.defaultFor(user);
        state.connection = SessionVariables.initial(client.capabilities());
        if (LogicalDatabases.INFORMATION_SCHEMA.equalsIgnoreCase(client.database())) {
            state.connection = state.connection.withSchema(LogicalDatabases.INFORMATION_SCHEMA);
        }
    }

    /** USE name / COM_INIT_DB: checked as MySQL checks it (grant before existence). */
    void use(String name) throws MySqlException {
        if (LogicalDatabases.INFORMATION_SCHEMA.equalsIgnoreCase(name)) {
            state.database = LogicalDatabases.INFORMATION_SCHEMA;
            state.connection = state.connection.withSchema(LogicalDatabases.INFORMATION_SCHEMA);
            return;
        }
        if (!user.mayUse(name)) {
            throw MySqlException.accessDeniedToDatabase(user.name(), SessionFactory.host(client), name);
        }
        LogicalDatabase db = databases.find(name);
        if (db == null) {
            throw MySqlException.unknownDatabase(name);
        }
        state.database = name;
        state.serving = db;
        state.connection = state.connection.withSchema(null);
    }

    /**
     * Runs {@code step} in {@code database} (null: the current one) and restores the session's own
     * database afterwards. Like MySQL, a prepared statement runs in the database it was prepared in:
     * its unqualified names were resolved there.
     */
    void runIn(String database, Step step) throws MySqlException {
        if (database == null || database.equals(state.database)) {
            step.run();
            return;
        }
        String savedDatabase = state.database;
        LogicalDatabase savedServing = state.serving;
        String savedSchema = state.connection.schema();
        use(database);
        try {
            step.run();
        } finally {
            state.database = savedDatabase;
            state.serving = savedServing;
            state.connection = state.connection.withSchema(savedSchema);
        }
    }
}
