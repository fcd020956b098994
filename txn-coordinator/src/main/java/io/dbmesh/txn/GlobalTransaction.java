package io.dbmesh.txn;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * One session's transaction across data sources. The session {@link #enlist enlists} a data
 * source's connection when the transaction first touches it (before the first statement runs
 * there), and ends the transaction with {@link #commit} or {@link #rollback}. Confined to the
 * session's thread; {@link #info} may be read from any thread.
 */
public interface GlobalTransaction {

    /** The global id (XA gtrid), or null in local mode. */
    String id();

    /** The transaction first touches {@code branch.dataSource()}: XA starts its branch there. */
    void enlist(Branch branch) throws SQLException;

    /** Enlisted branches, in enlisting order. */
    List<Branch> branches();

    /** Whether {@code dataSource} already has a branch (both modes answer it the same way). */
    default boolean enlisted(String dataSource) {
        for (Branch b : branches()) if (b.dataSource().equals(dataSource)) return true;
        return false;
    }

    /**
     * Commits every branch. Returns normally when the transaction is committed (for XA two-phase:
     * decided; a branch whose data source was unreachable is finished by recovery). Throws a
     * {@link CommitFailure} when the client must learn more than "it failed on one data source", or
     * the backend's SQLException when a single data source's commit failed and nothing committed.
     */
    void commit() throws SQLException;

    /** Rolls back every branch; errors of single branches are swallowed once their connection is marked unusable. */
    void rollback();

    /** Data sources whose connection is in an unknown state after commit/rollback: close them, do not pool them. */
    Set<String> unusable();

    /** A snapshot for SHOW DBMESH TRANSACTIONS. */
    TransactionInfo info();
}
