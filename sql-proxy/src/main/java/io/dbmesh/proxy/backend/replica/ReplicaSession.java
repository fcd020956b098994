package io.dbmesh.proxy.backend.replica;

import io.dbmesh.proxy.backend.AccessIntent;
import io.dbmesh.proxy.backend.BackendConnection;
import io.dbmesh.proxy.backend.ConnectionState;
import io.dbmesh.proxy.backend.RowCountMode;
import io.dbmesh.core.error.MySqlException;
import io.dbmesh.proxy.config.ReadConsistency;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Read/write splitting for one client session: which member's connection serves a statement that
 * has no bound connection, and the bookkeeping read-your-writes needs around it.
 *
 * <p>The session's connection layer calls, for a data source that may be a replica group:
 * <ol>
 *   <li>{@link #acquire} instead of taking a pool's connection itself;</li>
 *   <li>{@link #kept} when it keeps a connection bound after a statement (transaction, pins);</li>
 *   <li>{@link #beforeRelease} just before giving a connection back: after writes on a primary
 *       this reads {@code @@last_gtid} on that very connection, so the session's next read on a
 *       replica can wait for exactly that transaction ({@code MASTER_GTID_WAIT});</li>
 *   <li>{@link #retryElsewhere} when a statement failed before anything was sent to the client: a
 *       read outside a transaction whose replica died, or that a read-only replica refused, runs
 *       once more elsewhere.</li>
 * </ol>
 * The client forces the primary for a session with {@code SET @dbmesh_route = 'primary'} (back with
 * {@code 'auto'} or NULL) and for one statement with a {@code /*+ dbmesh:primary *}{@code /} comment.
 *
 * <p>Confined to the session's thread, like the session.
 */
public final class ReplicaSession {
    /** The user variable that forces the primary, as the session's state tracks it. */
    public static final String ROUTE_VARIABLE = "@dbmesh_route";
    /** ER_OPTION_PREVENTS_STATEMENT: what a read_only replica answers to a write. */
    static final int ER_OPTION_PREVENTS_STATEMENT = 1290;

    private final ReplicaGroups groups;
    private final SessionReadState state;
    /** Connections on group primaries that may have written since acquired, with their group. */
    private final Map<BackendConnection, ReplicaGroup> primaryConnections = new IdentityHashMap<>(4);
    /** Primary connections taken for a read: released right after it without a GTID read, unless kept. */
    private final Map<BackendConnection, ReplicaGroup> primaryReads = new IdentityHashMap<>(4);
    /** Replica connections in use, counted in their member's in-flight number until released. */
    private final Map<BackendConnection, Member> replicaConnections = new IdentityHashMap<>(4);
    private Member excludeOnce;
    /** Whether the statement being run may still be retried elsewhere (once per statement). */
    private boolean mayRetry;
    /** The consistency of the database of the last statement: decides whether writes need a GTID read. */
    private ReadConsistency lastConsistency = ReadConsistency.DEFAULT;
    private boolean primaryOnce;

    ReplicaSession(ReplicaGroups groups, SessionReadState state) {
        this.groups = groups;
        this.state = state;
    }

    public SessionReadState state() {
        return state;
    }

    /** Every replica group of the sidecar. */
    public List<ReplicaGroup> groups() {
        return groups.groups();
    }

    /** True when {@code dataSource} is a replica group (otherwise this session adds nothing). */
    public boolean isGroup(String dataSource) {
        return groups.group(dataSource).isPresent();
    }

    /**
     * A connection for one statement on {@code dataSource}, which has no connection bound to the
     * session.
     *
     * @param intent        READ when the statement only reads (the caller's classification)
     * @param sql           the statement as it will run (hints, locking reads, functions are read from it)
     * @param inTransaction the session has a transaction open anywhere, or runs with autocommit off
     * @param database      the session's logical database (its consistency applies), or null
     * @param connectionState the session state the connection will carry (for {@value #ROUTE_VARIABLE})
     * @throws SQLException the primary is down (error 1429, at once) or no connection could be had
     */
    public BackendConnection acquire(String dataSource, AccessIntent intent, String sql, String database,
                                     boolean inTransaction, ConnectionState connectionState, RowCountMode mode)
            throws SQLException {
        Optional<ReplicaGroup> found = groups.group(dataSource);
        if (found.isEmpty()) {
            return groups.plain().select(dataSource, intent).acquire(mode);
        }
        ReplicaGroup group = found.get();
        state.forcePrimary(routeForcedToPrimary(connectionState));
        ReadEligibility eligibility = ReadEligibility.of(sql == null ? "" : sql);
        ReadConsistency consistency = groups.consistency(database, dataSource);
        lastConsistency = consistency;
        List<Member> excluded = new ArrayList<>(2);
        if (excludeOnce != null) excluded.add(excludeOnce);
        mayRetry = excludeOnce == null && !primaryOnce; // a retry is not retried again
        boolean mayRead = eligibility.replicaSafe() && !primaryOnce
                && (intent == AccessIntent.READ || eligibility.readOnlyTransaction());
        excludeOnce = null;
        primaryOnce = false;
        if (mayRead) {
            while (true) {
                Route route = ReadRouter.route(group, eligibility, consistency, inTransaction, state, excluded);
                if (route instanceof Route.Primary) break;
                Route.Replica replica = (Route.Replica) route;
                BackendConnection c = onReplica(group, replica, mode, excluded);
                if (c != null) return c;
                if (!excluded.contains(replica.member())) break; // it could not catch up in time: primary
            }
        }
        BackendConnection c = onPrimary(group, mode);
        // sql is null for the session's own statements (SET replay, metadata probes): no writes
        boolean mayWrite = intent == AccessIntent.WRITE && sql != null && !ReadEligibility.isSessionStatement(sql);
        (mayWrite ? primaryConnections : primaryReads).put(c, group);
        return c;
    }

    /**
     * A connection to the chosen replica that has applied the session's last write, or null: then
     * either the replica failed (it is in {@code excluded} now: try another) or it could not catch
     * up in time (go to the primary).
     */
    private BackendConnection onReplica(ReplicaGroup group, Route.Replica route, RowCountMode mode, List<Member> excluded)
            throws SQLException {
        Member member = route.member();
        BackendConnection c;
        try {
            c = groups.pool(member).acquire(mode);
        } catch (SQLException e) {
            if (isConnectionFailure(e)) group.connectionFailed(member, message(e));
            excluded.add(member);
            return null;
        }
        if (!route.waitFor().isEmpty() && !caughtUp(group, member, c, route.waitFor(), excluded)) {
            c.release();
            return null;
        }
        member.acquire();
        replicaConnections.put(c, member);
        groups.inFlight().track(member, c);
        return c;
    }

    /** {@code MASTER_GTID_WAIT} on the replica connection itself: when it returns 0, this connection sees the write. */
    private boolean caughtUp(ReplicaGroup group, Member member, BackendConnection c, GtidPosition position,
                             List<Member> excluded) {
        double seconds = group.config().gtidWaitTimeout().toNanos() / 1e9;
        long start = System.nanoTime();
        boolean ok;
        try (Statement st = c.jdbc().createStatement();
             ResultSet rs = st.executeQuery("SELECT MASTER_GTID_WAIT('" + position + "', " + seconds + ")")) {
            ok = rs.next() && rs.getInt(1) == 0 && !rs.wasNull();
        } catch (SQLException e) {
            // a dead replica, or a server without MASTER_GTID_WAIT: either way not this one
            c.discard();
            if (isConnectionFailure(e)) group.connectionFailed(member, message(e));
            member.markStalled(position);
            excluded.add(member);
            return false;
        }
        long nanos = System.nanoTime() - start;
        if (ok) {
            member.advanceApplied(position);
        } else {
            member.markStalled(position);
        }
        group.listener().gtidWait(member, ok, nanos);
        return ok;
    }

    private BackendConnection onPrimary(ReplicaGroup group, RowCountMode mode) throws SQLException {
        Member primary;
        try {
            primary = group.primaryOrFail();
        } catch (MySqlException e) {
            throw asSql(e);
        }
        try {
            BackendConnection c = groups.pool(primary).acquire(mode);
            groups.inFlight().track(primary, c);
            return c;
        } catch (SQLException e) {
            if (!isConnectionFailure(e)) throw e;
            group.connectionFailed(primary, message(e));
            try {
                group.primaryOrFail();
                throw e;
            } catch (MySqlException down) {
                throw asSql(down);
            }
        }
    }

    /** The connection stays bound to the session after a statement: it may write before it is released. */
    public void kept(BackendConnection c) {
        ReplicaGroup group = primaryReads.remove(c);
        if (group != null) primaryConnections.put(c, group);
    }

    /**
     * Just before {@code c} goes back to its pool: if it is a group primary's connection that may
     * have written, remember the session's write position (read-your-writes).
     */
    public void beforeRelease(BackendConnection c) {
        forgetReplica(c);
        untrack(c);
        primaryReads.remove(c);
        ReplicaGroup group = primaryConnections.remove(c);
        if (group == null || lastConsistency != ReadConsistency.SESSION || group.replicas().isEmpty()) return;
        if (c.inTransaction()) return; // rolled back on release: nothing was committed
        try (Statement st = c.jdbc().createStatement(); ResultSet rs = st.executeQuery("SELECT @@last_gtid")) {
            // Empty: this connection never wrote to the binary log, so there is nothing to wait for.
            GtidPosition position = rs.next() ? GtidPosition.parse(rs.getString(1)) : GtidPosition.EMPTY;
            if (!position.isEmpty()) state.wrote(group.name(), position);
        } catch (SQLException | IllegalArgumentException e) {
            noGtid(group); // binary log off, or a MySQL backend: fall back to a time window
        }
    }

    private void noGtid(ReplicaGroup group) {
        state.wroteWithoutGtid(group.name(), group.config().maxReplicationLag().toNanos() + 1_000_000_000L);
    }

    /**
     * The connection was discarded (broken). A write on it either failed (the client got an error,
     * so it cannot count on it) or was rolled back with its transaction: nothing to wait for. (Not
     * keeping reads on the primary here matters: it is usually the primary that just died, and the
     * replicas can go on serving reads.)
     */
    public void discarded(BackendConnection c) {
        forgetReplica(c);
        untrack(c);
        primaryReads.remove(c);
        primaryConnections.remove(c);
    }

    private void untrack(BackendConnection c) {
        Member m = groups.memberOf(c);
        if (m != null) groups.inFlight().untrack(m, c);
    }

    private void forgetReplica(BackendConnection c) {
        Member m = replicaConnections.remove(c);
        if (m != null) m.release();
    }

    /**
     * A statement failed on {@code failed} before any of its results reached the client. Returns
     * true when it is a read outside a transaction that may run once more on another member: the
     * replica died (it leaves the read pool now) or refused it as read-only (the primary takes it).
     * The next {@link #acquire} then avoids that replica.
     */
    public boolean retryElsewhere(BackendConnection failed, SQLException e, boolean inTransaction) {
        Member member = groups.memberOf(failed);
        if (member == null) return false;
        if (isConnectionFailure(e)) {
            groups.group(member.group()).ifPresent(g -> g.connectionFailed(member, message(e)));
        }
        if (inTransaction || member.role() != MemberRole.REPLICA || !mayRetry) return false;
        mayRetry = false;
        if (e.getErrorCode() == ER_OPTION_PREVENTS_STATEMENT) {
            primaryOnce = true;
            return true;
        }
        if (isConnectionFailure(e)) {
            excludeOnce = member;
            return true;
        }
        return false;
    }

    static boolean routeForcedToPrimary(ConnectionState s) {
        if (s == null) return false;
        for (Map.Entry<String, String> e : s.variables().entrySet()) {
            if (e.getKey().equalsIgnoreCase(ROUTE_VARIABLE)) {
                String v = e.getValue().trim();
                if (v.length() >= 2 && (v.charAt(0) == '\'' || v.charAt(0) == '"')) v = v.substring(1, v.length() - 1);
                return v.toLowerCase(Locale.ROOT).equals("primary");
            }
        }
        return false;
    }

    static boolean isConnectionFailure(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLNonTransientConnectionException) return true;
            if (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("08")) return true;
            if (t instanceof java.io.IOException) return true;
            // Hikari's "request timed out" without a cause is a full pool, not a dead server
            if (t instanceof SQLTransientConnectionException && t.getCause() == null) return false;
        }
        return false;
    }

    private static String message(SQLException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        if (m.startsWith("(conn=")) {
            int close = m.indexOf(") ");
            if (close > 0) m = m.substring(close + 2);
        }
        return m.length() > 200 ? m.substring(0, 200) + "…" : m;
    }

    /** A {@link MySqlException} in the SQLException form the connection layer passes through unchanged. */
    static SQLException asSql(MySqlException e) {
        return new SQLException(e.getMessage(), e.sqlState(), e.errorCode());
    }
}
