package io.dbmesh.txn;

import java.util.List;

/**
 * The sidecar's one door to transaction handling. A session asks for a {@link GlobalTransaction}
 * when its transaction starts and works only through it: enlisting a data source when the
 * transaction first touches it, COMMIT, ROLLBACK (also on disconnect). {@link LocalCoordinator}
 * keeps the plain per-data-source transactions (COMMIT on each, in parallel, not atomic);
 * {@link XaCoordinator} runs XA two-phase commit with a durable decision log and recovery.
 */
public interface TransactionCoordinator {

    TransactionMode mode();

    /** A new transaction of {@code session} (a label for SHOW DBMESH TRANSACTIONS, e.g. the connection id). */
    GlobalTransaction begin(String session);

    /** Transactions open now (XA only tracks them; local returns what it was told about). */
    List<TransactionInfo> open();
}
