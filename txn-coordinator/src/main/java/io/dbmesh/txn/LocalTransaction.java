package io.dbmesh.txn;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** See {@link LocalCoordinator}. */
final class LocalTransaction implements GlobalTransaction {
    private final String session;
    private final TransactionListener listener;
    private final List<Branch> branches = new ArrayList<>(2);
    private final Set<String> unusable = new HashSet<>();
    private final long started = System.currentTimeMillis();

    LocalTransaction(String session, TransactionListener listener) {
        this.session = session;
        this.listener = listener;
    }

    @Override
    public String id() {
        return null;
    }

    @Override
    public void enlist(Branch branch) {
        if (!enlisted(branch.dataSource())) branches.add(branch);
    }

    @Override
    public List<Branch> branches() {
        return List.copyOf(branches);
    }

    /**
     * COMMIT on every branch at once ({@link ParallelBranches}: a multi-shard COMMIT takes one round
     * trip, not one per shard), each attempted even when another fails (rolling back the rest would
     * not undo what already committed). One failure with nothing committed is that data source's
     * own error; anything committed next to a failure is PARTIAL, listed in enlisting order.
     */
    @Override
    public void commit() throws SQLException {
        long t0 = System.nanoTime();
        List<String> committed = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        StringBuilder reasons = new StringBuilder();
        SQLException first = null;
        List<SQLException> outcomes = ParallelBranches.run(branches, "dbmesh-local-commit", b -> run(b, "COMMIT"));
        for (int i = 0; i < branches.size(); i++) {
            Branch b = branches.get(i);
            SQLException e = outcomes.get(i);
            if (e == null) {
                committed.add(b.dataSource());
            } else {
                unusable.add(b.dataSource());
                failed.add(b.dataSource());
                if (first == null) first = e;
                if (!reasons.isEmpty()) reasons.append("; ");
                reasons.append(b.dataSource()).append(": ").append(CommitFailure.brief(e));
            }
        }
        if (first == null) {
            listener.committed(TransactionListener.CommitPath.LOCAL, branches.size(), System.nanoTime() - t0);
            return;
        }
        if (committed.isEmpty()) throw first; // nothing committed: the backend's own error says it
        listener.commitFailed(CommitFailure.Outcome.PARTIAL.name());
        throw new CommitFailure(CommitFailure.Outcome.PARTIAL,
                null, committed, failed,
                "multi-shard COMMIT failed part-way (transaction mode 'local' is not atomic across data sources):"
                        + " committed on [" + String.join(", ", committed) + "], NOT committed on ["
                        + String.join(", ", failed) + "] (" + reasons + ")", first);
    }

    @Override
    public void rollback() {
        for (Branch b : branches) {
            try {
                run(b, "ROLLBACK");
            } catch (SQLException e) {
                unusable.add(b.dataSource());
            }
        }
        listener.rolledBack(branches.size());
    }

    @Override
    public Set<String> unusable() {
        return Set.copyOf(unusable);
    }

    @Override
    public TransactionInfo info() {
        return new TransactionInfo(session, null, "local", branches.stream().map(Branch::dataSource).toList(), started, "active");
    }

    private static void run(Branch b, String sql) throws SQLException {
        try (Statement st = b.connection().createStatement()) {
            st.execute(sql);
        }
    }
}
