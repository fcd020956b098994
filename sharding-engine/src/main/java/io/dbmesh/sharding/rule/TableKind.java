package io.dbmesh.sharding.rule;

/** How the rules place a logical table. */
public enum TableKind {
    /** Rows spread over data nodes by a shard key. */
    SHARDED,
    /** A full copy on every data source; writes go to all copies. */
    BROADCAST,
    /** Lives on one named data source. */
    SINGLE,
    /** Not named in the rules: lives on the default data source. */
    DEFAULT
}
