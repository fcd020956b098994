package io.dbmesh.proxy.config;

/**
 * A database name clients see. In passthrough form it maps to one data source whose physical
 * schema serves it. Sharding rules (a later issue) add a second form.
 *
 * @param dataSource name of the data source serving it (passthrough)
 */
public record LogicalDatabaseConfig(String name, String dataSource) {
}
