package io.dbmesh.proxy.telemetry;

import io.dbmesh.mesh.telemetry.Telemetry;
import io.dbmesh.txn.TransactionListener;

import java.util.Locale;

/**
 * The transaction coordinator's counters into telemetry: commits by path (local, one_phase,
 * two_phase) with their duration, rollbacks, failed commits by outcome (partial, unknown),
 * recovered branches and the in-doubt count of the last recovery pass.
 */
public final class TransactionTelemetry implements TransactionListener {
    private final Telemetry telemetry;

    public TransactionTelemetry(Telemetry telemetry) {
        this.telemetry = telemetry;
    }

    @Override
    public void committed(CommitPath path, int branches, long nanos) {
        telemetry.transactionEnded(path.name().toLowerCase(Locale.ROOT), "commit", nanos);
    }

    @Override
    public void rolledBack(int branches) {
        telemetry.transactionEnded("any", "rollback", -1);
    }

    @Override
    public void commitFailed(String outcome) {
        // outcomes are the coordinator's enum names (PARTIAL, UNKNOWN): a bounded label
        telemetry.transactionEnded("any", outcome.toLowerCase(Locale.ROOT), -1);
    }

    @Override
    public void recovered(boolean committed) {
        telemetry.transactionRecovered(committed);
    }

    @Override
    public void inDoubt(int branches) {
        telemetry.transactionsInDoubt(branches);
    }
}
