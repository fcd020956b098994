package io.dbmesh.txn;

import java.sql.Connection;

/**
 * One data source's part of a transaction: the data source's name and the JDBC connection the
 * session has bound to it for the whole transaction. The coordinator runs its XA statements on that
 * connection; the session keeps owning it (binds, settles and releases it).
 */
public record Branch(String dataSource, Connection connection) {
}
