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

    /**
     * The info text of the OK packet the statement just ended with ("Rows matched: 1  Changed: 1
     * Warnings: 0"), as the backend sent it; "" when it had none or it cannot be known for sure
     * (see {@link OkPacketInfo}). Call it right after the statement, before the connection reads more.
     */
    public static String info(Statement statement, long affectedRows, long lastInsertId) {
        try {
            return statement.getConnection() instanceof org.mariadb.jdbc.Connection c
                    ? OkPacketInfo.of(c, affectedRows, lastInsertId) : "";
        } catch (java.sql.SQLException e) {
            return "";
        }
    }

    /**
     * The file a LOCAL INFILE request of the backend gets, for this statement: Connector/J then
     * sends {@code file} instead of reading a file of the sidecar's machine.
     */
    public static void localInfile(Statement statement, java.io.InputStream file) throws java.sql.SQLException {
        if (statement.isWrapperFor(org.mariadb.jdbc.Statement.class)) {
            statement.unwrap(org.mariadb.jdbc.Statement.class).setLocalInfileInputStream(file);
        }
    }

    /**
     * Closes a statement after its results were read — except a server-side prepared statement a
     * connection keeps ({@link BackendConnection#executePrepared}, the only ones the executor
     * gets): only its current result is closed, the statement serves the next execution.
     */
    public static void close(Statement statement) throws java.sql.SQLException {
        if (statement instanceof org.mariadb.jdbc.ServerPreparedStatement) {
            java.sql.ResultSet rs = statement.getResultSet();
            if (rs != null) rs.close();
        } else {
            statement.close();
        }
    }

    /** Whether results are forwarded as the backend's exact bytes (the Connector/J internals resolved). */
    public static boolean exactForwarding() {
        return ConnectorInternals.AVAILABLE;
    }
}
