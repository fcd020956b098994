package io.dbmesh.txn;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One recovery pass: {@code XA RECOVER} on every data source; for each prepared branch whose xid is
 * dbmesh's (format id and gtrid prefix, see {@link Xid}; any other xid is never touched):
 * <ul>
 *   <li>the log says COMMIT → {@code XA COMMIT};</li>
 *   <li>the log says ABORT → {@code XA ROLLBACK};</li>
 *   <li>no decision, and the owner cannot be deciding any more — its lease expired (or it never had
 *       one and the branch is older than a lease), or it is this very sidecar and the transaction is
 *       not open here, or the branch is older than the timeout → ABORT is written to the log first
 *       ({@link DecisionLog#presumeAbort}: if the owner's COMMIT got there first, that wins and the
 *       branch is committed), then {@code XA ROLLBACK};</li>
 *   <li>otherwise wait: the owner is alive and may be about to decide.</li>
 * </ul>
 * Several data sources on one server list the same xids; each is resolved once per pass.
 * A branch still attached to a live connection answers XAER_NOTA to other connections: it is left
 * to its session. Every resolution is logged.
 */
final class Recovery {
    private static final Logger log = LoggerFactory.getLogger(Recovery.class);

    private final XaCoordinator coordinator;

    Recovery(XaCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    /** The prepared dbmesh branches on every reachable data source, with decision and owner state. */
    List<InDoubtBranch> scan(Set<String> unreachable) throws SQLException {
        Map<String, Xid> byKey = new LinkedHashMap<>();
        Map<String, String> where = new LinkedHashMap<>();
        for (String ds : coordinator.source().dataSources()) {
            try (Connection c = coordinator.source().open(ds); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("XA RECOVER")) {
                while (rs.next()) {
                    Xid x = Xid.fromRecoverRow(rs.getLong(1), rs.getInt(2), rs.getInt(3), rs.getBytes(4));
                    if (!x.isDbmesh()) continue;
                    if (byKey.putIfAbsent(x.toString(), x) == null) where.put(x.toString(), ds);
                }
            } catch (SQLException e) {
                unreachable.add(ds);
                log.warn("XA recovery: cannot scan data source {}: {}", ds, CommitFailure.brief(e));
            }
        }
        if (byKey.isEmpty()) return List.of();
        Set<String> gtrids = new HashSet<>();
        for (Xid x : byKey.values()) gtrids.add(x.gtrid());
        Map<String, Character> decisions = coordinator.decisionLog().decisions(gtrids);
        Map<String, Boolean> owners = coordinator.decisionLog().owners();
        long now = System.currentTimeMillis();
        List<InDoubtBranch> out = new ArrayList<>();
        for (Map.Entry<String, Xid> e : byKey.entrySet()) {
            Xid x = e.getValue();
            String owner = x.owner();
            long start = x.startMillis();
            out.add(new InDoubtBranch(where.get(e.getKey()), x, owner, Boolean.TRUE.equals(owners.get(owner)),
                    start < 0 ? -1 : Math.max(0, now - start), decisions.get(x.gtrid())));
        }
        return out;
    }

    /** Scans and resolves what may be resolved now. */
    List<Resolution> run() throws SQLException {
        Set<String> unreachable = new HashSet<>();
        List<InDoubtBranch> found = scan(unreachable);
        coordinator.listener().inDoubt(found.size());
        Map<String, Boolean> ownersKnown = found.isEmpty() ? Map.of() : coordinator.decisionLog().owners();
        List<Resolution> out = new ArrayList<>();
        Map<String, Character> fenced = new LinkedHashMap<>();
        Set<String> stillPrepared = new HashSet<>();
        for (InDoubtBranch b : found) {
            Character decision = b.decision();
            String reason;
            if (decision != null) {
                reason = "decision " + (decision == 'C' ? "COMMIT" : "ABORT") + " in the log";
            } else {
                String why = presumeAbortReason(b, ownersKnown.containsKey(b.owner()));
                if (why == null) {
                    out.add(new Resolution(b.dataSource(), b.xid().toString(), "wait", "owner " + b.owner() + " is alive", null));
                    stillPrepared.add(b.xid().gtrid());
                    continue;
                }
                decision = fenced.get(b.xid().gtrid());
                if (decision == null) {
                    decision = coordinator.decisionLog().presumeAbort(b.xid().gtrid(), coordinator.owner());
                    fenced.put(b.xid().gtrid(), decision);
                }
                reason = decision == 'A' ? "no decision, " + why + ": presumed abort" : "the owner decided COMMIT meanwhile";
            }
            boolean commit = decision == 'C';
            String sql = (commit ? "XA COMMIT " : "XA ROLLBACK ") + b.xid().sql();
            String error = null;
            try (Connection c = coordinator.source().open(b.dataSource()); Statement st = c.createStatement()) {
                st.execute(sql);
                coordinator.listener().recovered(commit);
                log.info("XA recovery: {} {} on {} ({})", commit ? "committed" : "rolled back", b.xid(), b.dataSource(), reason);
            } catch (SQLException e) {
                error = CommitFailure.brief(e);
                if (e.getErrorCode() != XaTransaction.XAER_NOTA) stillPrepared.add(b.xid().gtrid());
                log.warn("XA recovery: {} of {} on {} failed ({}): {}", commit ? "commit" : "rollback", b.xid(),
                        b.dataSource(), reason, error);
            }
            out.add(new Resolution(b.dataSource(), b.xid().toString(), commit ? "commit" : "rollback", reason, error));
        }
        if (unreachable.isEmpty()) {
            int cleaned = coordinator.decisionLog().cleanUp(stillPrepared, coordinator.settings().timeout());
            if (cleaned > 0) log.debug("XA recovery: {} resolved decision rows removed", cleaned);
        }
        return out;
    }

    /** Why nobody can still be deciding this branch, or null when its owner may. */
    private String presumeAbortReason(InDoubtBranch b, boolean ownerHasLease) {
        if (b.owner() == null) return "no owner in the xid";
        if (b.owner().equals(coordinator.owner())) {
            return coordinator.isOpen(b.xid().gtrid()) ? null : "this sidecar's transaction is no longer open";
        }
        if (ownerHasLease && !b.ownerAlive()) return "owner " + b.owner() + "'s lease expired";
        long lease = coordinator.settings().lease().toMillis();
        if (!ownerHasLease && b.ageMillis() > lease) return "owner " + b.owner() + " has no lease";
        if (b.ageMillis() > coordinator.settings().timeout().toMillis()) return "older than the timeout";
        return null;
    }
}
