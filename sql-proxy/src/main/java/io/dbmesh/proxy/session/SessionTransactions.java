package io.dbmesh.proxy.session;

import io.dbmesh.proxy.backend.BackendConnection;
import io.dbmesh.proxy.backend.BackendErrors;
import io.dbmesh.proxy.backend.ConnectionState;
import io.dbmesh.core.error.MySqlException;
import io.dbmesh.txn.Branch;
import io.dbmesh.txn.CommitFailure;
import io.dbmesh.txn.GlobalTransaction;
import io.dbmesh.txn.TransactionMode;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A session's side of the transaction coordinator (one per session, on its thread). In XA mode the
 * session's transaction is a {@link GlobalTransaction}: opened by BEGIN (or by the first statement
 * with autocommit=0, or around one autocommit write that spans shards) without touching any backend;
 * {@link SessionConnections} calls {@link #enlist} when the transaction first touches a data source,
 * which starts the XA branch on the connection it then binds; COMMIT / ROLLBACK / disconnect end it
 * here. In local mode only a multi-data-source COMMIT passes through {@link #commitLocal}, to report
 * truthfully what committed where.
 *
 * <p>The mode is the logical database's {@code transactions.mode}, overridden per session with
 * {@code SET @dbmesh_transaction_mode = 'xa' | 'local'} (NULL or '' back to the configured one); it
 * is read when a transaction starts.
 */
final class SessionTransactions {
    /** The user variable that picks the mode, as the session's state keeps it. */
    static final String MODE_VARIABLE = "@dbmesh_transaction_mode";

    private final Transactions shared;
    private final String session;
    private GlobalTransaction xa;
    private final Map<String, BackendConnection> branches = new LinkedHashMap<>(4);

    SessionTransactions(Transactions shared, long connectionId) {
        this.shared = shared;
        this.session = Long.toString(connectionId);
    }

    /** The mode for a transaction of this session in {@code database}, given its state. */
    TransactionMode mode(String database, ConnectionState state) throws MySqlException {
        String value = variable(state);
        if (value == null) return shared.configuredMode(database);
        TransactionMode m = TransactionMode.parse(value).orElseThrow(() -> invalidMode(value));
        return m;
    }

    /** The error for a SET of the mode variable to a value it may not have, or null when it is fine. */
    MySqlException refusal(ConnectionState state) {
        try {
            checkSet(state);
            return null;
        } catch (MySqlException e) {
            return e;
        }
    }

    /** Checks a SET of the mode variable before the session adopts it. */
    void checkSet(ConnectionState state) throws MySqlException {
        String value = variable(state);
        if (value == null) return;
        TransactionMode m = TransactionMode.parse(value).orElseThrow(() -> invalidMode(value));
        if (m == TransactionMode.XA && shared.xa() == null) {
            throw new MySqlException(1231, "42000", "Variable 'dbmesh_transaction_mode' can't be set to 'xa': no XA"
                    + " decision log is configured (give a sharded database 'transactions: {mode: xa}' or"
                    + " 'transactions: {log: {data_source: …}}')");
        }
    }

    private static MySqlException invalidMode(String value) {
        return new MySqlException(1231, "42000", "Variable 'dbmesh_transaction_mode' can't be set to the value of "
                + value + " (expected 'local' or 'xa')");
    }

    /** The variable's literal, or null when unset, NULL or empty. */
    private static String variable(ConnectionState state) {
        for (Map.Entry<String, String> e : state.variables().entrySet()) {
            if (e.getKey().equalsIgnoreCase(MODE_VARIABLE)) {
                String v = e.getValue().trim();
                if (v.equalsIgnoreCase("NULL") || v.equals("''") || v.equals("\"\"")) return null;
                return v;
            }
        }
        return null;
    }

    /** An XA transaction is open (possibly with no branch yet). */
    boolean active() {
        return xa != null;
    }

    /** Opens an XA transaction (lazily: branches start when statements touch data sources). */
    void beginXa() throws MySqlException {
        if (xa != null) return;
        if (shared.xa() == null) throw new MySqlException(1399, "XAE07", "XA mode needs a decision log: none is configured");
        xa = shared.xa().begin(session);
    }

    /** The XA transaction, if any, first touches {@code dataSource} on {@code c}: XA START there. */
    void enlist(String dataSource, BackendConnection c) throws SQLException {
        if (xa == null) return;
        if (xa.enlisted(dataSource)) {
            if (branches.get(dataSource) == c) return;
            // the branch's connection broke earlier: what it did is lost, so the transaction cannot commit
            throw new SQLException("XA transaction " + xa.id() + ": the connection of its branch on data source '"
                    + dataSource + "' was lost; the transaction can only be rolled back", "XA100", 1402);
        }
        xa.enlist(new Branch(dataSource, c.jdbc()));
        branches.put(dataSource, c);
    }

    /** Whether {@code c} is the XA branch connection of {@code dataSource} (it stays bound until the end). */
    boolean holds(String dataSource, BackendConnection c) {
        return xa != null && branches.get(dataSource) == c;
    }

    /** The open XA transaction's id, or null. */
    String xid() {
        return xa == null ? null : xa.id();
    }

    /** COMMIT of the XA transaction; every branch connection is settled (unbound or closed) after it. */
    void commitXa(SessionConnections connections) throws MySqlException {
        GlobalTransaction t = xa;
        xa = null;
        try {
            t.commit();
        } catch (SQLException e) {
            throw toMySql(e, t);
        } finally {
            settle(t, connections);
        }
    }

    /** ROLLBACK of the XA transaction (also on disconnect and failed implicit transactions). */
    void rollbackXa(SessionConnections connections) {
        GlobalTransaction t = xa;
        if (t == null) return;
        xa = null;
        try {
            t.rollback();
        } finally {
            settle(t, connections);
        }
    }

    private void settle(GlobalTransaction t, SessionConnections connections) {
        Set<String> unusable = t.unusable();
        for (Map.Entry<String, BackendConnection> e : branches.entrySet()) {
            String ds = e.getKey();
            BackendConnection c = e.getValue();
            if (connections.boundConnection(ds) != c) continue;
            if (unusable.contains(ds) || c.inTransaction()) {
                connections.discard(ds, c);
            } else {
                connections.settle(ds, c, connections.pins(ds) & ~(Pins.TRANSACTION | Pins.NEXT_STATEMENT));
            }
        }
        branches.clear();
    }

    /**
     * Local mode, COMMIT over several data sources: one after the other, and when some committed and
     * others did not, an error naming both. Returns the data sources whose connection must be closed.
     */
    Set<String> commitLocal(List<Map.Entry<String, BackendConnection>> open) throws MySqlException {
        GlobalTransaction t = shared.local().begin(session);
        for (Map.Entry<String, BackendConnection> e : open) {
            try {
                t.enlist(new Branch(e.getKey(), e.getValue().jdbc()));
            } catch (SQLException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
        try {
            t.commit();
            return t.unusable();
        } catch (SQLException e) {
            throw new CommitError(toMySql(e, t), t.unusable());
        }
    }

    /** A failed local commit: the error for the client and the connections to close. */
    static final class CommitError extends MySqlException {
        final Set<String> unusable;

        CommitError(MySqlException e, Set<String> unusable) {
            super(e.errorCode(), e.sqlState(), e.getMessage());
            this.unusable = unusable;
        }
    }

    private static MySqlException toMySql(SQLException e, GlobalTransaction t) {
        if (e instanceof CommitFailure f) return new MySqlException(f.mysqlErrorCode(), f.getSQLState(), f.getMessage());
        List<String> ds = new ArrayList<>();
        for (Branch b : t.branches()) ds.add(b.dataSource());
        return BackendErrors.toMySql(e, String.join(",", ds));
    }
}
