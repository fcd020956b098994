package io.dbmesh.txn;

/**
 * What recovery did with one prepared branch: {@code commit}, {@code rollback}, or {@code wait} (not
 * yet: its owner lives and it is young), with why, and the error when the XA statement failed.
 */
public record Resolution(String dataSource, String xid, String action, String reason, String error) {
}
