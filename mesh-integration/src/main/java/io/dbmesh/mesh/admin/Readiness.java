package io.dbmesh.mesh.admin;

import java.util.List;

/**
 * Whether the sidecar can serve: asked by {@code GET /ready}. The sidecar composes it from its
 * listener state and the health of every data source's primary.
 */
@FunctionalInterface
public interface Readiness {

    /** Empty when ready; otherwise one short reason per problem (no secrets). */
    List<String> problems();
}
