package io.dbmesh.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A MariaDB server the tests may use as a backend, whoever started it: the shared one at
 * 127.0.0.1:3306 or one the harness launched. Tests name their databases with an area prefix
 * ({@code it_}, {@code wire_}, …) so concurrent suites on the shared server do not collide.
 */
public record MariaDbInstance(String host, int port, String user, String password) {

    /** A Connector/J URL for {@code database} ({@code ""} for none). */
    public String jdbcUrl(String database) {
        return "jdbc:mariadb://" + host + ":" + port + "/" + database;
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database) + "?connectTimeout=3000", user, password);
    }

    /** Runs set-up statements on a fresh connection. */
    public void execute(String... statements) {
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(this + ": " + e.getMessage(), e);
        }
    }

    /** Drops and creates {@code database}, so a test starts from nothing it did not write itself. */
    public void recreateDatabase(String database) {
        execute("DROP DATABASE IF EXISTS `" + database + "`", "CREATE DATABASE `" + database + "`");
    }

    /** True when a connection succeeds within a few seconds. */
    public boolean reachable() {
        try (Connection c = connect("")) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "MariaDB@" + host + ":" + port;
    }
}
