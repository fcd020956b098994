package io.dbmesh.txn;

import java.util.List;

/**
 * Local mode: each data source's part is an ordinary transaction of its own (opened when the
 * session's transaction first touches the data source, or by autocommit=0), and COMMIT commits them
 * all at once (in parallel). Not atomic
 * across data sources; what it adds is the truth when a commit fails half-way ({@link CommitFailure}
 * with outcome PARTIAL naming the data sources that committed and those that did not).
 */
public final class LocalCoordinator implements TransactionCoordinator {
    private final TransactionListener listener;

    public LocalCoordinator(TransactionListener listener) {
        this.listener = listener;
    }

    @Override
    public TransactionMode mode() {
        return TransactionMode.LOCAL;
    }

    @Override
    public GlobalTransaction begin(String session) {
        return new LocalTransaction(session, listener);
    }

    @Override
    public List<TransactionInfo> open() {
        return List.of();
    }
}
