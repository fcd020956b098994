package io.dbmesh.txn;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One round trip on every branch of a transaction at once (PREPARE, COMMIT, …): one virtual thread
 * per branch but the first, which runs on the caller's thread, so the whole takes as long as the
 * slowest branch instead of the sum.
 */
final class ParallelBranches {
    private ParallelBranches() {
    }

    interface Work {
        void run(Branch b) throws SQLException;
    }

    /** {@code work} on every branch; the failure per branch, in branch order (null: it succeeded). */
    static List<SQLException> run(List<Branch> branches, String threadName, Work work) {
        List<CompletableFuture<Void>> futures = new ArrayList<>(branches.size());
        for (int i = 1; i < branches.size(); i++) {
            Branch b = branches.get(i);
            CompletableFuture<Void> f = new CompletableFuture<>();
            Thread.ofVirtual().name(threadName).start(() -> {
                try {
                    work.run(b);
                    f.complete(null);
                } catch (Throwable t) {
                    f.completeExceptionally(t);
                }
            });
            futures.add(f);
        }
        List<SQLException> out = new ArrayList<>(branches.size());
        if (branches.isEmpty()) return out;
        try {
            work.run(branches.get(0));
            out.add(null);
        } catch (SQLException e) {
            out.add(e);
        }
        for (CompletableFuture<Void> f : futures) {
            try {
                f.get();
                out.add(null);
            } catch (ExecutionException e) {
                out.add(e.getCause() instanceof SQLException s ? s : new SQLException(e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                out.add(new SQLException("interrupted", "70100", e));
            }
        }
        return out;
    }
}
