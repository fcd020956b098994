package io.dbmesh.proxy.backend;

import io.dbmesh.core.error.MySqlException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Turns what Connector/J or HikariCP throws into the ERR packet a MySQL client expects: backend
 * errors keep the backend's code, SQLSTATE and message (without Connector/J's "(conn=N) " prefix);
 * connection failures become the errors a MySQL client knows for them.
 */
public final class BackendErrors {

    /** ER_UNKNOWN_ERROR: used when the backend cannot be reached at all. */
    public static final int UNKNOWN_ERROR = 1105;
    /** CR_SERVER_LOST: the backend connection broke during the statement. */
    public static final int SERVER_LOST = 2013;

    private BackendErrors() {
    }

    public static MySqlException toMySql(SQLException e, String dataSource) {
        SQLException root = e;
        // Hikari wraps the driver's exception when it cannot open a connection
        if (e instanceof SQLTransientConnectionException && e.getCause() instanceof SQLException cause) {
            root = cause;
        }
        int code = root.getErrorCode();
        String state = root.getSQLState();
        String message = stripConnectionPrefix(root.getMessage());
        if (code > 0 && code < 65536 && state != null && state.length() == 5 && !(e instanceof SQLTransientConnectionException)) {
            return new MySqlException(code, state, message);
        }
        if (e instanceof SQLTransientConnectionException) {
            return new MySqlException(UNKNOWN_ERROR, "HY000",
                    "Backend data source '" + dataSource + "' is unavailable: " + message);
        }
        if (state != null && state.startsWith("08")) {
            return new MySqlException(SERVER_LOST, "HY000",
                    "Lost connection to backend data source '" + dataSource + "' during query: " + message);
        }
        return new MySqlException(UNKNOWN_ERROR, state != null && state.length() == 5 ? state : "HY000",
                message == null ? e.toString() : message);
    }

    /** Whether the connection that threw this can no longer be trusted and must not return to the pool. */
    public static boolean connectionBroken(SQLException e) {
        String state = e.getSQLState();
        return state != null && state.startsWith("08");
    }

    static String stripConnectionPrefix(String message) {
        if (message != null && message.startsWith("(conn=")) {
            int close = message.indexOf(") ");
            if (close > 0) {
                return message.substring(close + 2);
            }
        }
        return message;
    }
}
