package io.dbmesh.proxy.backend.replica;

/** Where one statement on a replica group runs, and why: the output of {@link ReadRouter}. */
public sealed interface Route {

    /** On the primary. {@code reason} is for logs, route previews and tests. */
    record Primary(String reason) implements Route {
    }

    /**
     * On this replica. When {@code waitFor} is not empty, the replica must first show it applied
     * that position ({@code MASTER_GTID_WAIT} within the group's {@code gtid_wait_timeout});
     * if it cannot, the statement goes to the primary instead.
     */
    record Replica(Member member, GtidPosition waitFor) implements Route {
    }
}
