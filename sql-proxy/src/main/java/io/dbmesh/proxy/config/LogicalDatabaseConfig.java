package io.dbmesh.proxy.config;

/**
 * A database name clients see. In passthrough form it maps to one data source whose physical
 * schema serves it. With sharding rules it spans several data sources; the rules are kept here as
 * the located YAML node so the sharding engine binds them itself (with {@link ConfigSection}) and
 * reports its own errors with file and line.
 *
 * @param dataSource name of the data source serving it (passthrough), or null when only sharding rules are given
 * @param sharding   the {@code sharding:} section as written, or null for passthrough
 */
public record LogicalDatabaseConfig(String name, String dataSource, ConfigNode.Mapping sharding) {

    /** A passthrough database. */
    public LogicalDatabaseConfig(String name, String dataSource) {
        this(name, dataSource, null);
    }

    public boolean sharded() {
        return sharding != null;
    }
}
