package io.dbmesh.txn;

/**
 * Counters of the transaction coordinator, for metrics. Every method has a no-op default, so a
 * listener implements only what it exports; {@link #NONE} ignores everything. Called from session
 * threads and the recovery thread: implementations must be thread-safe and cheap.
 */
public interface TransactionListener {
    TransactionListener NONE = new TransactionListener() {
    };

    /** How a commit was done. */
    enum CommitPath { LOCAL, ONE_PHASE, TWO_PHASE }

    /** A transaction committed (for TWO_PHASE: the decision is durable and every reachable branch committed). */
    default void committed(CommitPath path, int branches, long nanos) {
    }

    /** A transaction rolled back (client ROLLBACK, disconnect, failed prepare, or refused decision). */
    default void rolledBack(int branches) {
    }

    /** A multi-branch commit ended with an error the client sees (partial local commit, unknown outcome). */
    default void commitFailed(String outcome) {
    }

    /** Recovery resolved a prepared branch: {@code committed} true for XA COMMIT, false for XA ROLLBACK. */
    default void recovered(boolean committed) {
    }

    /** Prepared dbmesh branches found on the backends by the last recovery pass (in doubt until resolved). */
    default void inDoubt(int branches) {
    }

    /** Decisions written to the log by one group-commit batch. */
    default void decisionsLogged(int batchSize) {
    }
}
