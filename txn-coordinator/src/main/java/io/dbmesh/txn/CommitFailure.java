package io.dbmesh.txn;

import java.sql.SQLException;
import java.util.List;

/**
 * A COMMIT that did not simply succeed or simply fail on one data source: the client must learn what
 * happened to each data source. {@link Outcome#ROLLED_BACK}: nothing was committed (XA: a branch
 * failed to prepare, or recovery had already aborted the transaction). {@link Outcome#PARTIAL}: some
 * data sources committed and others did not ({@code local} mode only). {@link Outcome#UNKNOWN}: the
 * outcome cannot be known now (the decision write or a one-phase commit lost its connection); the
 * xid lets an operator look it up ({@code SHOW DBMESH INDOUBT}), recovery finishes it either way.
 */
public final class CommitFailure extends SQLException {
    public enum Outcome { ROLLED_BACK, PARTIAL, UNKNOWN }

    private final Outcome outcome;
    private final String xid;
    private final List<String> committed;
    private final List<String> notCommitted;

    public CommitFailure(Outcome outcome, String xid, List<String> committed, List<String> notCommitted,
                         String message, SQLException cause) {
        super(message, outcome == Outcome.ROLLED_BACK ? "XA100" : "HY000", cause);
        this.outcome = outcome;
        this.xid = xid;
        this.committed = List.copyOf(committed);
        this.notCommitted = List.copyOf(notCommitted);
    }

    public Outcome outcome() {
        return outcome;
    }

    /** The global transaction id, or null in local mode. */
    public String xid() {
        return xid;
    }

    /** Data sources whose part is committed. */
    public List<String> committed() {
        return committed;
    }

    /** Data sources whose part is not committed (rolled back, failed, or unknown). */
    public List<String> notCommitted() {
        return notCommitted;
    }

    /** ER_XA_RBROLLBACK for a rollback, ER_ERROR_DURING_COMMIT otherwise: the MySQL code to answer with. */
    public int mysqlErrorCode() {
        return outcome == Outcome.ROLLED_BACK ? 1402 : 1180;
    }

    /** The first line of a backend error, without Connector/J's "(conn=…)" prefix. */
    static String brief(SQLException e) {
        if (e == null) return "";
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (m.startsWith("(conn=")) {
            int close = m.indexOf(") ");
            if (close > 0) m = m.substring(close + 2);
        }
        int nl = m.indexOf('\n');
        return nl > 0 ? m.substring(0, nl) : m;
    }
}
