package io.dbmesh.proxy.session;

/**
 * A database name clients see. This issue has one kind, {@link PassthroughDatabase}; the sharding
 * engine adds a second kind that plans statements over many data sources.
 */
public interface LogicalDatabase {

    String name();

    /** The data source whose connection serves session-level statements (SET, SHOW VARIABLES, …). */
    String defaultDataSource();
}
