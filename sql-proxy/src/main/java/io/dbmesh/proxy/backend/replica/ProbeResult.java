package io.dbmesh.proxy.backend.replica;

/** The outcome of one health probe of one member. */
public sealed interface ProbeResult {

    /** Could not connect, or the probe failed or timed out. */
    record Unreachable(String error) implements ProbeResult {
    }

    /**
     * The server answered but refused part of the probe (e.g. the backend user lacks the
     * REPLICATION CLIENT / SLAVE MONITOR privilege that SHOW SLAVE STATUS needs).
     */
    record Refused(String error) implements ProbeResult {
    }

    /**
     * The server answered.
     *
     * @param replication {@code SHOW SLAVE STATUS}, null when it returned no row (not a replica)
     * @param appliedPosition {@code @@gtid_slave_pos} (empty for a primary or without GTIDs)
     */
    record Answered(boolean readOnly, ReplicationStatus replication, GtidPosition appliedPosition)
            implements ProbeResult {
    }
}
