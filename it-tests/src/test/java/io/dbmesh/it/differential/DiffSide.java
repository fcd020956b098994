package io.dbmesh.it.differential;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * One side of a comparison: where to connect with MariaDB Connector/J. The expected side is a
 * plain MariaDB database; the actual side is a logical database of the sidecar.
 *
 * @param name    shown in failure messages
 * @param jdbcUrl without options, e.g. {@code jdbc:mariadb://127.0.0.1:3306/diff_single}
 */
public record DiffSide(String name, String jdbcUrl, String user, String password) {
    /**
     * A statement that gets no answer within this time fails (instead of hanging the build); the
     * slowest corpus statement takes well under a second on a plain server.
     */
    static final int SOCKET_TIMEOUT_MS = 30_000;

    public Connection connect(Protocol protocol) throws SQLException {
        // cachePrepStmts=false: every execution prepares afresh, so the sidecar's prepare path is
        // exercised by every statement and not only the first time a text is seen.
        String url = jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + protocol.urlOptions()
                + "&cachePrepStmts=false&connectTimeout=10000&socketTimeout=" + SOCKET_TIMEOUT_MS;
        return DriverManager.getConnection(url, user, password);
    }
}
