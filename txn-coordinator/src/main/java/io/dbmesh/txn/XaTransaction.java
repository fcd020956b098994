package io.dbmesh.txn;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One XA transaction (see {@link XaCoordinator}). Each enlisted data source gets the branch
 * {@code XA START 'gtrid','<data source>',FORMAT_ID}. COMMIT with one branch is
 * {@code XA END} + {@code XA COMMIT … ONE PHASE}: no prepare, no log. With several:
 * {@code XA END} + {@code XA PREPARE} on all branches in parallel; any failure rolls everything
 * back; then the commit decision is written to the log (group commit); then {@code XA COMMIT} on all
 * in parallel; then the decision row is forgotten. A branch whose commit fails after the decision is
 * left to recovery: the transaction is committed, only not yet everywhere.
 */
final class XaTransaction implements GlobalTransaction {
    private static final Logger log = LoggerFactory.getLogger(XaTransaction.class);
    /** XAER_NOTA: the server does not know the xid (already resolved). */
    static final int XAER_NOTA = 1397;

    private final XaCoordinator coordinator;
    private final String session;
    private final String gtrid;
    private final long started = System.currentTimeMillis();
    private final List<Branch> branches = new ArrayList<>(2);
    private final Set<String> unusable = new HashSet<>();
    private volatile String state = "active";
    private volatile List<String> dataSources = List.of();

    XaTransaction(XaCoordinator coordinator, String session, String gtrid) {
        this.coordinator = coordinator;
        this.session = session;
        this.gtrid = gtrid;
    }

    @Override
    public String id() {
        return gtrid;
    }

    long startedMillis() {
        return started;
    }

    @Override
    public void enlist(Branch branch) throws SQLException {
        if (enlisted(branch.dataSource())) return;
        run(branch, "XA START " + xid(branch).sql());
        branches.add(branch);
        dataSources = branches.stream().map(Branch::dataSource).toList();
    }

    @Override
    public List<Branch> branches() {
        return List.copyOf(branches);
    }

    private Xid xid(Branch b) {
        return XidFactory.branch(gtrid, b.dataSource());
    }

    @Override
    public void commit() throws SQLException {
        long t0 = System.nanoTime();
        try {
            if (branches.isEmpty()) return;
            if (branches.size() == 1) {
                commitOnePhase(branches.get(0));
                coordinator.listener().committed(TransactionListener.CommitPath.ONE_PHASE, 1, System.nanoTime() - t0);
                return;
            }
            commitTwoPhase();
            coordinator.listener().committed(TransactionListener.CommitPath.TWO_PHASE, branches.size(), System.nanoTime() - t0);
        } finally {
            coordinator.ended(this);
        }
    }

    private void commitOnePhase(Branch b) throws SQLException {
        state = "committing";
        Xid x = xid(b);
        try {
            run(b, "XA END " + x.sql());
        } catch (SQLException e) {
            rollbackBranch(b);
            coordinator.listener().rolledBack(1);
            throw e; // not prepared: the branch is gone (rolled back), the backend's error says why
        }
        try {
            run(b, "XA COMMIT " + x.sql() + " ONE PHASE");
        } catch (SQLException e) {
            if (!connectionLost(e)) {
                rollbackBranch(b);
                coordinator.listener().rolledBack(1);
                throw e;
            }
            unusable.add(b.dataSource());
            coordinator.listener().commitFailed(CommitFailure.Outcome.UNKNOWN.name());
            throw new CommitFailure(CommitFailure.Outcome.UNKNOWN, gtrid, List.of(), List.of(b.dataSource()),
                    "XA COMMIT ONE PHASE of " + x + " on " + b.dataSource() + " lost its connection: the outcome is unknown ("
                            + CommitFailure.brief(e) + ")", e);
        }
    }

    private void commitTwoPhase() throws SQLException {
        state = "preparing";
        List<SQLException> prepared = parallel(b -> {
            Xid x = xid(b);
            run(b, "XA END " + x.sql());
            run(b, "XA PREPARE " + x.sql());
            coordinator.faults().reach("after_prepare");
        });
        List<String> failed = new ArrayList<>();
        StringBuilder reasons = new StringBuilder();
        SQLException firstFailure = null;
        for (int i = 0; i < branches.size(); i++) {
            SQLException e = prepared.get(i);
            if (e == null) continue;
            failed.add(branches.get(i).dataSource());
            if (firstFailure == null) firstFailure = e;
            if (!reasons.isEmpty()) reasons.append("; ");
            reasons.append(branches.get(i).dataSource()).append(": ").append(CommitFailure.brief(e));
            if (connectionLost(e)) unusable.add(branches.get(i).dataSource());
        }
        if (firstFailure != null) {
            abortAfterFailedPrepare(failed);
            throw new CommitFailure(CommitFailure.Outcome.ROLLED_BACK, gtrid, List.of(), dataSources,
                    "XA transaction " + gtrid + " rolled back: PREPARE failed on " + reasons, firstFailure);
        }
        state = "deciding";
        char decision;
        try {
            decision = coordinator.decisionLog().decideCommit(gtrid, dataSources);
        } catch (SQLException e) {
            // the decision may or may not be durable: leave the prepared branches to recovery, which
            // reads the log (and fences an absent decision with ABORT); close our connections so the
            // server detaches the branches from them
            unusable.addAll(dataSources);
            state = "unknown";
            coordinator.listener().commitFailed(CommitFailure.Outcome.UNKNOWN.name());
            throw new CommitFailure(CommitFailure.Outcome.UNKNOWN, gtrid, List.of(), dataSources,
                    "XA transaction " + gtrid + ": writing the commit decision to data source '"
                            + coordinator.decisionLog().dataSource() + "' failed, the outcome is unknown until recovery"
                            + " resolves it (" + CommitFailure.brief(e) + ")", e);
        }
        if (decision != 'C') {
            for (Branch b : branches) rollbackPrepared(b);
            coordinator.listener().rolledBack(branches.size());
            throw new CommitFailure(CommitFailure.Outcome.ROLLED_BACK, gtrid, List.of(), dataSources,
                    "XA transaction " + gtrid + " was rolled back by recovery before its commit decision was written", null);
        }
        coordinator.faults().reach("after_log");
        state = "committing";
        List<SQLException> committed = parallel(b -> {
            try {
                run(b, "XA COMMIT " + xid(b).sql());
            } catch (SQLException e) {
                if (e.getErrorCode() != XAER_NOTA) throw e; // NOTA: resolved already (recovery got there)
            }
            coordinator.faults().reach("after_commit");
        });
        List<String> pending = new ArrayList<>();
        for (int i = 0; i < branches.size(); i++) {
            SQLException e = committed.get(i);
            if (e == null) continue;
            Branch b = branches.get(i);
            pending.add(b.dataSource());
            unusable.add(b.dataSource());
            log.warn("XA COMMIT of {} on {} failed after the commit decision; recovery will finish it: {}",
                    xid(b), b.dataSource(), CommitFailure.brief(e));
        }
        if (pending.isEmpty()) {
            coordinator.decisionLog().forget(gtrid);
        } else {
            coordinator.recoverSoon();
        }
    }

    /** After a failed prepare: fence the decision as ABORT (so any branch left prepared is rolled back at once by recovery), roll back. */
    private void abortAfterFailedPrepare(List<String> failed) {
        boolean fenced = false;
        if (!unusable.isEmpty()) {
            try {
                fenced = coordinator.decisionLog().presumeAbort(gtrid, coordinator.owner()) == 'A';
            } catch (SQLException e) {
                log.warn("could not record ABORT of {}: {}", gtrid, CommitFailure.brief(e));
            }
        }
        for (Branch b : branches) {
            if (unusable.contains(b.dataSource())) continue;
            rollbackBranch(b); // XA END fails harmlessly on a prepared branch
        }
        coordinator.listener().rolledBack(branches.size());
        if (fenced) coordinator.recoverSoon();
    }

    @Override
    public void rollback() {
        try {
            state = "rolling back";
            for (Branch b : branches) rollbackBranch(b);
            coordinator.listener().rolledBack(branches.size());
        } finally {
            coordinator.ended(this);
        }
    }

    /** XA END (may already be ended or failed) then XA ROLLBACK; a branch that cannot is closed by the session. */
    private void rollbackBranch(Branch b) {
        Xid x = xid(b);
        try {
            run(b, "XA END " + x.sql());
        } catch (SQLException e) {
            if (connectionLost(e)) {
                unusable.add(b.dataSource()); // the server rolls back an unprepared branch on disconnect
                return;
            }
        }
        rollbackPrepared(b);
    }

    private void rollbackPrepared(Branch b) {
        try {
            run(b, "XA ROLLBACK " + xid(b).sql());
        } catch (SQLException e) {
            if (e.getErrorCode() != XAER_NOTA) unusable.add(b.dataSource());
        }
    }

    @Override
    public Set<String> unusable() {
        return Set.copyOf(unusable);
    }

    @Override
    public TransactionInfo info() {
        return new TransactionInfo(session, gtrid, "xa", dataSources, started, state);
    }

    private interface BranchWork extends ParallelBranches.Work {
    }

    /** {@code work} on every branch at once; the failure per branch. */
    private List<SQLException> parallel(BranchWork work) {
        return ParallelBranches.run(branches, "dbmesh-xa-branch", work);
    }

    private static void run(Branch b, String sql) throws SQLException {
        try (Statement st = b.connection().createStatement()) {
            st.execute(sql);
        }
    }

    static boolean connectionLost(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLNonTransientConnectionException) return true;
            if (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("08")) return true;
            if (t instanceof java.io.IOException) return true;
        }
        return false;
    }
}
