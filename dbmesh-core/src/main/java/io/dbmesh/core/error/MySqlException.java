package io.dbmesh.core.error;

/**
 * An error the client must receive as a MySQL ERR packet with exactly this code and SQLSTATE.
 * Thrown anywhere on the execution path; the command layer turns it into {@link ResultSink#error}.
 */
public class MySqlException extends Exception {
    private final int errorCode;
    private final String sqlState;

    public MySqlException(int errorCode, String sqlState, String message) {
        super(message, null, false, false);
        this.errorCode = errorCode;
        this.sqlState = sqlState;
    }

    public int errorCode() {
        return errorCode;
    }

    public String sqlState() {
        return sqlState;
    }

    public static MySqlException unknownDatabase(String db) {
        return new MySqlException(1049, "42000", "Unknown database '" + db + "'");
    }

    public static MySqlException accessDeniedToDatabase(String user, String host, String db) {
        return new MySqlException(1044, "42000",
                "Access denied for user '" + user + "'@'" + host + "' to database '" + db + "'");
    }

    public static MySqlException noDatabaseSelected() {
        return new MySqlException(1046, "3D000", "No database selected");
    }

    /** For SQL or features dbmesh does not support yet: the message names the feature. */
    public static MySqlException notSupported(String feature) {
        return new MySqlException(1235, "42000", "This version of dbmesh doesn't yet support '" + feature + "'");
    }
}
