package io.dbmesh.proxy.backend;

import java.sql.Statement;

/** What Connector/J's public API does not tell about a statement's OK packet. */
public final class StatementResults {

    private StatementResults() {
    }

    /** LAST_INSERT_ID reported by the OK packet the statement is positioned on, 0 when none. */
    public static long lastInsertId(Statement statement) {
        return ConnectorInternals.lastInsertId(statement);
    }

    /** Whether results are forwarded as the backend's exact bytes (the Connector/J internals resolved). */
    public static boolean exactForwarding() {
        return ConnectorInternals.AVAILABLE;
    }
}
