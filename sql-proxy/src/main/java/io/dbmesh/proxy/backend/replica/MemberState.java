package io.dbmesh.proxy.backend.replica;

/** Health of one member as the checker last saw it. */
public enum MemberState {
    /** Not probed yet. A primary is tried; a replica serves no reads until it is seen healthy. */
    UNKNOWN,
    /** Answering, and for a replica: replicating and within the lag limit. */
    UP,
    /** A replica further behind than {@code max_replication_lag}: no reads until it catches up. */
    LAGGING,
    /**
     * Answering but unfit: a replica whose replication threads stopped or failed (lag unknown),
     * or a primary that is read_only. A broken replica serves no reads; a broken primary is still
     * used (its own errors are clearer than ours).
     */
    BROKEN,
    /** Not answering (connect or probe failed {@code failure_threshold} times): no traffic at all. */
    DOWN;

    /** The {@code SHOW DBMESH REPLICAS} spelling. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
