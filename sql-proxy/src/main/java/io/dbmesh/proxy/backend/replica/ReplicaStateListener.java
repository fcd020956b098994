package io.dbmesh.proxy.backend.replica;

/**
 * Observes replica-group health, for logs, metrics and alerts (the telemetry issue plugs in
 * here). Methods default to no-ops and are called on the checker's threads (or, for a failure seen
 * while serving, on the session's): keep them quick and never throw.
 */
public interface ReplicaStateListener {

    ReplicaStateListener NONE = new ReplicaStateListener() {
    };

    /** A member entered another state (UP → DOWN, LAGGING → UP, …). */
    default void stateChanged(MemberStateChange change) {
    }

    /** Every probe, healthy or not, with its duration (e.g. for a lag gauge or probe latency histogram). */
    default void probed(Member member, ProbeResult result, long nanos) {
    }

    /** A read-your-writes wait on a replica: whether it caught up in time, and how long it took. */
    default void gtidWait(Member member, boolean caughtUp, long nanos) {
    }

    /** Calls every listener in turn. */
    static ReplicaStateListener all(java.util.List<ReplicaStateListener> listeners) {
        return new ReplicaStateListener() {
            @Override
            public void stateChanged(MemberStateChange change) {
                listeners.forEach(l -> l.stateChanged(change));
            }

            @Override
            public void probed(Member member, ProbeResult result, long nanos) {
                listeners.forEach(l -> l.probed(member, result, nanos));
            }

            @Override
            public void gtidWait(Member member, boolean caughtUp, long nanos) {
                listeners.forEach(l -> l.gtidWait(member, caughtUp, nanos));
            }
        };
    }
}
