package io.dbmesh.proxy.backend;

/**
 * Decides which physical pool serves a data source for an access intent: the one seam read/write
 * splitting plugs into. The plain implementation ({@link BackendRegistry}) has one pool per data
 * source and ignores the intent; a read/write group returns its primary for WRITE and a healthy
 * replica for READ ({@code replica.ReplicaPoolSelector}, which also opens each session's read routing).
 */
@FunctionalInterface
public interface PoolSelector {

    /**
     * @throws java.sql.SQLException when the data source is unknown or has no usable member
     */
    DataSourcePool select(String dataSource, AccessIntent intent) throws java.sql.SQLException;

}
