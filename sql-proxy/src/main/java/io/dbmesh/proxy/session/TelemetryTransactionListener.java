package io.dbmesh.proxy.session;

import io.dbmesh.mesh.telemetry.Telemetry;
import io.dbmesh.txn.TransactionListener;

import java.util.Locale;

/**
 * The transaction coordinator's counters into the sidecar's telemetry: commits by path
 * ({@code local}, {@code one_phase}, {@code two_phase}), rollbacks and failed commits (mode
 * {@code any}), recovered branches and the in-doubt count of the last recovery pass. Local mode
 * reports only commits that spanned several data sources (a single data source's COMMIT is the
 * backend's own).
 */
final class TelemetryTransactionListener implements TransactionListener {
    private final Telemetry telemetry;

    private TelemetryTransactionListener(Telemetry telemetry) {
        this.telemetry = telemetry;
    }

    static TransactionListener of(Telemetry telemetry) {
        return telemetry == null || telemetry == Telemetry.NONE ? TransactionListener.NONE : new TelemetryTransactionListener(telemetry);
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
