package io.dbmesh.txn;

/**
 * A prepared dbmesh branch found by {@code XA RECOVER}, as SHOW DBMESH INDOUBT lists it.
 *
 * @param decision   'C', 'A' or null when the log has none
 * @param ownerAlive whether the owning sidecar's lease is valid (false also when it has no lease row)
 * @param ageMillis  since the transaction started (from the gtrid), or -1
 */
public record InDoubtBranch(String dataSource, Xid xid, String owner, boolean ownerAlive, long ageMillis,
                            Character decision) {
}
