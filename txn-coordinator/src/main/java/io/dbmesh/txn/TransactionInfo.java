package io.dbmesh.txn;

import java.util.List;

/** An open transaction as SHOW DBMESH TRANSACTIONS lists it. */
public record TransactionInfo(String session, String xid, String mode, List<String> dataSources, long startedMillis,
                              String state) {
}
