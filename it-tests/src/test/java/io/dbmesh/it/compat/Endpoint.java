package io.dbmesh.it.compat;

/** Host, port, user (empty password) and database a client program is given for one {@link Target}. */
public record Endpoint(Target target, String host, int port, String user, String database) {

    /** A MariaDB Connector/J URL; {@code options} without the leading {@code ?}, may be empty. */
    public String mariadbUrl(String options) {
        return "jdbc:mariadb://" + host + ":" + port + "/" + database + (options.isEmpty() ? "" : "?" + options);
    }

    /** A MySQL Connector/J URL; {@code options} without the leading {@code ?}, may be empty. */
    public String mysqlUrl(String options) {
        return "jdbc:mysql://" + host + ":" + port + "/" + database + (options.isEmpty() ? "" : "?" + options);
    }
}
