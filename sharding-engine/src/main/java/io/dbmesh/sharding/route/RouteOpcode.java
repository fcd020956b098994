package io.dbmesh.sharding.route;

/**
 * How a statement reaches its shards, as data (like Vitess' engine.Opcode). The planner picks the
 * most specific opcode the statement's conditions allow; each says what it needs to compute its
 * targets from bound values.
 */
public enum RouteOpcode {
    /** Only unsharded tables (single tables, or tables on the default data source): one data source, SQL as written. Needs nothing. */
    UNSHARDED,
    /** The shard key is compared with {@code =} to one value: exactly one physical table. Needs the value. */
    EQUAL,
    /** The shard key is in a list of values ({@code IN}, or {@code OR} of equalities): one physical table per distinct shard. Needs the values. */
    IN,
    /** The shard key is bounded ({@code BETWEEN}, {@code <}, {@code >}) and the algorithm orders keys (range, interval): the shards overlapping the bounds. Needs the bounds. */
    RANGE,
    /** No usable condition on the shard key: every physical table of the logical table. Needs nothing. */
    SCATTER,
    /** A read of broadcast tables only: any one data source holds a full copy. Needs nothing. */
    REFERENCE,
    /** A write to a broadcast table, or DDL on it: the same statement on every data source, results are copies (not summed). */
    BROADCAST,
    /** DDL on a sharded logical table: the statement once per physical table. Needs the data nodes. */
    ALL_TABLES,
    /** Statements the engine answers without any backend (e.g. a constant SELECT planned locally). */
    NONE
}
