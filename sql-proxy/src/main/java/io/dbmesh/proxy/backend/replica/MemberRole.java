package io.dbmesh.proxy.backend.replica;

/** What a member of a replica group is for. */
public enum MemberRole {
    /** Takes writes, transactions and every read that must be fresh. */
    PRIMARY,
    /** Serves reads while healthy and close enough behind the primary. */
    REPLICA
}
