package io.dbmesh.proxy.backend.replica;

import io.dbmesh.proxy.backend.PoolSelector;

/**
 * A {@link PoolSelector} that may split reads and writes over replica groups: besides picking pools
 * it opens each client session's read routing. It lives here, not in {@code backend}, so the plain
 * pool layer knows nothing of replicas.
 */
public interface ReplicaPoolSelector extends PoolSelector {

    /**
     * Read/write splitting for one new client session (replica reads, read-your-writes, fail-fast
     * primary), or null when no data source is a replica group. See {@link ReplicaGroups}.
     */
    ReplicaSession replicaSession();

    /** The read routing {@code selector} opens for a new session; null when it splits nothing. */
    static ReplicaSession sessionOf(PoolSelector selector) {
        return selector instanceof ReplicaPoolSelector r ? r.replicaSession() : null;
    }
}
