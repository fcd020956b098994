package io.dbmesh.it.compat;

/**
 * Where a compatibility program connects: MariaDB itself (the reference), or the sidecar serving the
 * same tables as a passthrough database or as the sharded orders example.
 */
public enum Target {
    /** The shared MariaDB, a database holding the orders example's tables as plain tables. */
    DIRECT,
    /** A passthrough sidecar whose logical database {@code shop} has another physical name. */
    PASSTHROUGH,
    /** The orders example (conf/examples/orders.yaml) over two physical databases. */
    SHARDED
}
