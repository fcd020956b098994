package io.dbmesh.mesh.admin;

import io.dbmesh.mesh.metrics.MeshMetrics;

import java.util.function.Supplier;

/**
 * What the admin endpoint serves.
 *
 * @param metrics   the registry behind {@code /metrics}, or null when metrics are off (404)
 * @param readiness behind {@code /ready}
 * @param config    the running config as JSON with secrets masked, behind {@code /config}
 */
public record AdminEndpoints(MeshMetrics metrics, Readiness readiness, Supplier<String> config) {
}
