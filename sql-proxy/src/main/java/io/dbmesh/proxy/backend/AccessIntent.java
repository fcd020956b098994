package io.dbmesh.proxy.backend;

/**
 * What a statement will do with a data source, so that a read/write group can send reads to a
 * replica. A session bound to a connection (transaction, pinned state) ignores it: everything goes
 * to the bound connection.
 */
public enum AccessIntent {
    READ,
    WRITE
}
