package io.dbmesh.proxy.backend.replica;

import io.dbmesh.proxy.config.ReadConsistency;

import java.util.Collection;

/**
 * Chooses primary or replica for one statement on a replica group outside a bound connection.
 * Pure decision; acquiring, waiting and falling back is {@link ReplicaSession}'s job.
 *
 * <p>In order: a transaction, a statement that is not a plain read, {@code strong} consistency,
 * a session forced to the primary, or a GTID-less write window send it to the primary; otherwise
 * a healthy replica (load-balanced) serves it, after catching up with the session's last write
 * under {@code session} consistency; with no healthy replica, the primary does.
 */
public final class ReadRouter {

    private ReadRouter() {
    }

    /**
     * @param eligibility   what the statement text allows ({@link ReadEligibility#of})
     * @param consistency   of the session's logical database
     * @param inTransaction an explicit transaction is open (read-only transactions are bound by the caller)
     * @param excluded      replicas that already failed this statement
     */
    public static Route route(ReplicaGroup group, ReadEligibility eligibility, ReadConsistency consistency,
                              boolean inTransaction, SessionReadState session, Collection<Member> excluded) {
        if (inTransaction) return new Route.Primary("inside a transaction");
        if (!eligibility.replicaSafe()) return new Route.Primary(eligibility.reason());
        if (consistency == ReadConsistency.STRONG) return new Route.Primary("consistency is strong");
        if (session.forcePrimary()) return new Route.Primary("dbmesh_route = 'primary'");
        if (group.replicas().isEmpty()) return new Route.Primary("the group has no replicas");
        boolean readYourWrites = consistency == ReadConsistency.SESSION;
        if (readYourWrites && session.inWriteWindow(group.name())) {
            return new Route.Primary("read-your-writes window after a write without GTID");
        }
        GtidPosition required = readYourWrites ? session.lastWrite(group.name()) : GtidPosition.EMPTY;
        return group.pickReplica(required, excluded)
                .<Route>map(m -> new Route.Replica(m, m.applied().covers(required) ? GtidPosition.EMPTY : required))
                .orElseGet(() -> new Route.Primary("no healthy replica"));
    }
}
