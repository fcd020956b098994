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
 * here. In local mode the transaction is a {@link LazyTransaction}: BEGIN touches no backend either,
 * {@link #join} opens it on a data source at its first statement there, and a multi-data-source
 * COMMIT passes through {@link #commitLocal}, to report truthfully what committed where.
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
    /** XA mode: the open transaction's savepoints (each branch replays them after its XA START). */
    private Savepoints xaSavepoints = new Savepoints();
    private final Map<String, BackendConnection> branches = new LinkedHashMap<>(4);
    /** Local mode: the open transaction, or null. */
    private LazyTransaction local;
    /** SET TRANSACTION statements of next-transaction scope, for the next local transaction's data sources. */
    private final List<String> nextCharacteristics = new ArrayList<>(1);

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

    /** A local-mode transaction is open (possibly on no data source yet). */
    boolean localOpen() {
        return local != null;
    }

    /** The open local-mode transaction, or null. */
    LazyTransaction local() {
        return local;
    }

    /**
     * The status bits the client sees for the session's transaction even before any backend has one:
     * SERVER_STATUS_IN_TRANS right after BEGIN (and IN_TRANS_READONLY after START TRANSACTION READ ONLY).
     */
    int status() {
        if (xa != null) return BackendConnection.STATUS_IN_TRANS;
        if (local == null || !local.explicit()) return 0;
        return BackendConnection.STATUS_IN_TRANS | (local.readOnly ? BackendConnection.STATUS_IN_TRANS_READONLY : 0);
    }

    /** A SET TRANSACTION for the next transaction ran: the data sources that next one joins must get it too. */
    void nextTransaction(String setSql) {
        nextCharacteristics.add(setSql);
    }

    /**
     * Opens a local-mode transaction without touching any backend: BEGIN / START TRANSACTION
     * ({@code begin}, run by each data source as it joins), or null for one that autocommit=0 opens.
     *
     * @param characteristicsPending a SET TRANSACTION for the next transaction is still pending on some
     *                               connection (else the recorded ones were used up meanwhile)
     */
    void beginLocal(String begin, boolean readOnly, boolean characteristicsPending) {
        local = new LazyTransaction(begin, readOnly, characteristicsPending ? nextCharacteristics : List.of());
        nextCharacteristics.clear();
    }

    /** Ends the local-mode transaction on the session's side (COMMIT / ROLLBACK decide about its connections). */
    LazyTransaction endLocal() {
        LazyTransaction t = local;
        local = null;
        return t;
    }

    /** COMMIT AND CHAIN / ROLLBACK AND CHAIN: a new transaction like {@code previous}. */
    void chainLocal(LazyTransaction previous) {
        local = new LazyTransaction(previous.begin, previous.readOnly, previous.characteristics);
    }

    /**
     * The local-mode transaction's first statement on {@code dataSource} is about to run on {@code c}
     * (not bound to the session yet): the data source joins, running what {@link LazyTransaction#joining}
     * says. A data source that joined before and has no bound connection now lost its part.
     */
    void join(String dataSource, BackendConnection c) throws SQLException {
        LazyTransaction t = local;
        if (t.hasJoined(dataSource)) throw lostPart(List.of(dataSource));
        for (String sql : t.joining()) c.executeInternal(sql);
        if (c.inTransaction()) t.joined(dataSource);
    }

    /**
     * Like {@link #join}, for a first statement that changes no data: when joining means just the
     * plain BEGIN ({@link LazyTransaction#beginWithStatement}), {@code c} sends it in the statement's
     * round trip ({@link BackendConnection#deferBegin}) and the data source counts as joined now
     * ({@link #notJoined} takes that back if the BEGIN fails). False, with nothing done, when
     * joining takes more: {@link #join} then.
     */
    boolean joinWithStatement(String dataSource, BackendConnection c) throws SQLException {
        LazyTransaction t = local;
        if (t.hasJoined(dataSource)) throw lostPart(List.of(dataSource));
        String begin = t.beginWithStatement();
        if (begin == null) return false;
        c.deferBegin(begin);
        t.joined(dataSource);
        return true;
    }

    /** The BEGIN deferred by {@link #joinWithStatement} did not open the transaction on {@code dataSource}. */
    void notJoined(String dataSource) {
        if (local != null) local.notJoined(dataSource);
    }

    /** Joined data sources of {@code t} without a bound connection in the transaction now. */
    static List<String> lost(LazyTransaction t, SessionConnections connections) {
        List<String> out = new ArrayList<>(0);
        for (String ds : t.joinedDataSources()) {
            if ((connections.pins(ds) & Pins.TRANSACTION) == 0) out.add(ds);
        }
        return out;
    }

    /** The error for a transaction that lost its part on {@code dataSources}. */
    static SQLException lostPart(List<String> dataSources) {
        return new SQLException("The transaction's part on data source " + String.join(", ", dataSources)
                + " was rolled back (its backend connection was lost, or the server rolled it back);"
                + " the transaction can only be rolled back", "XA100", 1402);
    }

    /**
     * The COMMIT that MySQL runs implicitly before BEGIN, DDL and SET autocommit = 1, in local mode:
     * every data source with an open transaction commits (several through {@link #commitLocal}); a
     * transaction that lost a part rolls back instead and fails.
     */
    void commitImplicitly(SessionConnections connections) throws MySqlException {
        LazyTransaction t = endLocal();
        List<Map.Entry<String, BackendConnection>> open = connections.inTransaction();
        if (t != null) {
            List<String> lost = lost(t, connections);
            if (!lost.isEmpty()) {
                rollbackLocal(open, connections);
                throw BackendErrors.toMySql(lostPart(lost), String.join(",", lost));
            }
        }
        if (open.isEmpty()) return;
        if (open.size() == 1) {
            String ds = open.get(0).getKey();
            BackendConnection c = open.get(0).getValue();
            try {
                c.executeInternal("COMMIT");
            } catch (SQLException e) {
                throw connections.fail(ds, c, e, io.dbmesh.proxy.sql.StatementKind.COMMIT);
            }
            connections.settle(ds, c, io.dbmesh.proxy.sql.StatementKind.COMMIT, 0, false);
            return;
        }
        commitLocalAndSettle(open, connections);
    }

    /** ROLLBACK on every data source in {@code open}; a connection that fails it is closed. */
    static void rollbackLocal(List<Map.Entry<String, BackendConnection>> open, SessionConnections connections) {
        for (Map.Entry<String, BackendConnection> e : open) {
            BackendConnection c = e.getValue();
            try {
                c.executeInternal("ROLLBACK");
                connections.settle(e.getKey(), c, io.dbmesh.proxy.sql.StatementKind.ROLLBACK, 0, false);
            } catch (SQLException ex) {
                connections.discard(e.getKey(), c);
            }
        }
    }

    /** Several local transactions: the local coordinator commits them; every connection is settled after. */
    void commitLocalAndSettle(List<Map.Entry<String, BackendConnection>> open, SessionConnections connections)
            throws MySqlException {
        Set<String> unusable;
        MySqlException error = null;
        try {
            unusable = commitLocal(open);
        } catch (CommitError e) {
            unusable = e.unusable;
            error = e;
        }
        for (Map.Entry<String, BackendConnection> e : open) {
            String ds = e.getKey();
            BackendConnection c = e.getValue();
            if (unusable.contains(ds) && (c.isClosed() || c.inTransaction())) {
                connections.discard(ds, c);
            } else {
                connections.settle(ds, c, io.dbmesh.proxy.sql.StatementKind.COMMIT, 0, unusable.contains(ds));
            }
        }
        if (error != null) throw error;
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
        xaSavepoints = new Savepoints();
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
        for (SavepointStatement s : xaSavepoints.statements()) c.executeInternal(s.sql()); // as local mode's join does
    }

    /** The open transaction's savepoints, whichever the mode, or null when the sidecar opened none. */
    Savepoints savepoints() {
        if (xa != null) return xaSavepoints;
        return local == null ? null : local.savepoints;
    }

    /**
     * The connections a savepoint statement of the open transaction goes to: every data source it
     * joined (XA: every branch). A joined data source whose part was lost fails it: the transaction
     * can only roll back.
     */
    List<Map.Entry<String, BackendConnection>> joined(SessionConnections connections) throws MySqlException {
        if (xa == null) {
            List<String> lost = local == null ? List.of() : lost(local, connections);
            if (!lost.isEmpty()) throw BackendErrors.toMySql(lostPart(lost), String.join(",", lost));
            return connections.inTransaction();
        }
        List<Map.Entry<String, BackendConnection>> out = new ArrayList<>(branches.size());
        List<String> lost = new ArrayList<>(0);
        for (Map.Entry<String, BackendConnection> e : branches.entrySet()) {
            if (connections.boundConnection(e.getKey()) == e.getValue()) out.add(Map.entry(e.getKey(), e.getValue()));
            else lost.add(e.getKey());
        }
        if (!lost.isEmpty()) throw BackendErrors.toMySql(lostPart(lost), String.join(",", lost));
        return out;
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
     * Local mode, COMMIT over several data sources: all at once, and when some committed and
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
