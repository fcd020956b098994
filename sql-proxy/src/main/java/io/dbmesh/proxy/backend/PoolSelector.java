package io.dbmesh.proxy.backend;

/**
 * Decides which physical pool serves a data source for an access intent: the one seam read/write
 * splitting plugs into. The plain implementation ({@link BackendRegistry}) has one pool per data
 * source and ignores the intent; a read/write group returns its primary for WRITE and a healthy
 * replica for READ.
 */
@FunctionalInterface
public interface PoolSelector {

    /**
     * @throws java.sql.SQLException when the data source is unknown or has no usable member
     */
    DataSourcePool select(String dataSource, AccessIntent intent) throws java.sql.SQLException;

    /**
     * Read/write splitting for one new client session (replica reads, read-your-writes, fail-fast
     * primary), or null when no data source is a replica group. See
     * {@link io.dbmesh.proxy.backend.replica.ReplicaGroups}.
     */
    default io.dbmesh.proxy.backend.replica.ReplicaSession replicaSession() {
        return null;
    }
}
