package io.dbmesh.proxy.config;

import java.time.Duration;

/**
 * One physical backend (a MariaDB/MySQL server and schema) reached through a HikariCP pool of
 * MariaDB Connector/J connections. Read/write groups (primary + replicas) come in a later issue
 * and will reference these by name.
 *
 * @param url jdbc:mariadb://host:port/schema (or jdbc:mysql://); the schema is the physical database
 */
public record DataSourceConfig(String name, String url, String user, String password, PoolConfig pool) {

    /** Pool sizing and time limits. */
    public record PoolConfig(int maxSize, int minIdle, Duration connectionTimeout, Duration idleTimeout,
                             Duration maxLifetime) {
        public static final PoolConfig DEFAULT = new PoolConfig(16, 2, Duration.ofSeconds(5),
                Duration.ofMinutes(10), Duration.ofMinutes(30));
    }

    /** The URL taken apart (validated at load, so this does not fail for loaded configs). */
    public JdbcUrl jdbcUrl() {
        return JdbcUrl.parse(url);
    }

    @Override
    public String toString() {
        return "DataSourceConfig[name=" + name + ", url=" + JdbcUrl.redact(url) + ", user=" + user + ", password=***, pool=" + pool + "]";
    }
}
