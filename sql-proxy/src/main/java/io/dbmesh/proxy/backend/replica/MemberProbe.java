package io.dbmesh.proxy.backend.replica;

import io.dbmesh.proxy.config.DataSourceConfig;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/**
 * Probes one member over its own connection (never one of the serving pool: a pool that is
 * exhausted or full of dead connections must not hide a healthy server, nor a probe wait behind
 * client traffic). The connection is kept between probes and reopened after any failure; connect
 * and socket timeouts are the health-check timeout, so a hung server costs one timeout, not a hang.
 *
 * <p>Reads {@code @@read_only}, and on replicas {@code @@gtid_slave_pos} and
 * {@code SHOW SLAVE STATUS} (MariaDB; MySQL: {@code SHOW REPLICA STATUS}). The backend user needs
 * the SLAVE MONITOR (MariaDB 10.5+) or REPLICATION CLIENT privilege for the latter.
 */
final class MemberProbe implements AutoCloseable {
    private final DataSourceConfig dataSource;
    private final MemberRole role;
    private final Duration timeout;
    private Connection connection;
    private boolean mariadb;

    MemberProbe(DataSourceConfig dataSource, MemberRole role, Duration timeout) {
        this.dataSource = dataSource;
        this.role = role;
        this.timeout = timeout;
    }

    ProbeResult probe() {
        try {
            Connection c = connection();
            try (Statement s = c.createStatement()) {
                boolean readOnly;
                GtidPosition applied = GtidPosition.EMPTY;
                try (ResultSet rs = s.executeQuery(mariadb && role == MemberRole.REPLICA
                        ? "SELECT @@global.read_only, @@global.gtid_slave_pos" : "SELECT @@global.read_only")) {
                    rs.next();
                    readOnly = rs.getBoolean(1);
                    if (mariadb && role == MemberRole.REPLICA) applied = parseQuietly(rs.getString(2));
                }
                if (role == MemberRole.PRIMARY) return new ProbeResult.Answered(readOnly, null, applied);
                ReplicationStatus replication;
                try (ResultSet rs = s.executeQuery(mariadb ? "SHOW SLAVE STATUS" : "SHOW REPLICA STATUS")) {
                    replication = rs.next() ? replicationStatus(rs) : null;
                } catch (SQLException e) {
                    if (isConnectionProblem(e)) throw e;
                    return new ProbeResult.Refused("cannot read replication status: " + e.getMessage()
                            + " (grant SLAVE MONITOR or REPLICATION CLIENT to " + dataSource.user() + ")");
                }
                return new ProbeResult.Answered(readOnly, replication, applied);
            }
        } catch (SQLException e) {
            close();
            return new ProbeResult.Unreachable(describe(e));
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            Properties props = new Properties();
            props.setProperty("user", dataSource.user());
            props.setProperty("password", dataSource.password() == null ? "" : dataSource.password());
            String millis = Long.toString(Math.max(1, timeout.toMillis()));
            props.setProperty("connectTimeout", millis);
            props.setProperty("socketTimeout", millis);
            String url = dataSource.url();
            // Connector/J serves jdbc:mysql:// servers too, like the serving pools (JdbcUrls.forProxy)
            if (url.startsWith("jdbc:mysql:")) url = "jdbc:mariadb:" + url.substring("jdbc:mysql:".length());
            connection = DriverManager.getConnection(url, props);
            mariadb = connection.getMetaData().getDatabaseProductVersion().toLowerCase(java.util.Locale.ROOT)
                    .contains("mariadb");
        }
        return connection;
    }

    private static ReplicationStatus replicationStatus(ResultSet rs) throws SQLException {
        String io = column(rs, "Slave_IO_Running", "Replica_IO_Running");
        String sql = column(rs, "Slave_SQL_Running", "Replica_SQL_Running");
        String behind = column(rs, "Seconds_Behind_Master", "Seconds_Behind_Source");
        String ioError = column(rs, "Last_IO_Error", "Last_IO_Error");
        String sqlError = column(rs, "Last_SQL_Error", "Last_SQL_Error");
        String error = join(ioError, sqlError);
        return new ReplicationStatus("Yes".equalsIgnoreCase(io), "Connecting".equalsIgnoreCase(io), "Yes".equalsIgnoreCase(sql),
                behind == null ? null : Long.parseLong(behind.trim()), error);
    }

    private static String column(ResultSet rs, String name, String alternative) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            String label = md.getColumnLabel(i);
            if (label.equalsIgnoreCase(name) || label.equalsIgnoreCase(alternative)) return rs.getString(i);
        }
        return null;
    }

    private static String join(String a, String b) {
        boolean hasA = a != null && !a.isBlank();
        boolean hasB = b != null && !b.isBlank();
        if (hasA && hasB) return a + "; " + b;
        return hasA ? a : hasB ? b : null;
    }

    private static GtidPosition parseQuietly(String text) {
        try {
            return GtidPosition.parse(text);
        } catch (IllegalArgumentException e) {
            return GtidPosition.EMPTY;
        }
    }

    static boolean isConnectionProblem(SQLException e) {
        return e instanceof SQLNonTransientConnectionException || e instanceof SQLTransientConnectionException
                || e instanceof SQLTimeoutException || (e.getSQLState() != null && e.getSQLState().startsWith("08"));
    }

    private static String describe(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // Connector/J prefixes messages with the connection URL; keep them short for SHOW output.
        return message.length() > 300 ? message.substring(0, 300) + "…" : message;
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // a broken connection: nothing to release on the server side
            }
            connection = null;
        }
    }
}
