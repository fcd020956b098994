/**
 * The sidecar's one seam to telemetry: {@link io.dbmesh.mesh.telemetry.Telemetry} (process-wide
 * events) and {@link io.dbmesh.mesh.telemetry.SessionTelemetry} (one client connection's
 * statements). Both default to no-ops ({@code NONE}), so the sidecar depends on these two
 * interfaces only and pays nothing when telemetry is off; {@link io.dbmesh.mesh.MeshTelemetry}
 * is the real implementation (metrics, traces, digests, slow and audit logs) that {@code Sidecar}
 * plugs in from the config.
 *
 * <p>Labels are bounded by construction: logical databases, data sources and members come from the
 * config, statement kinds and route kinds are enums, outcomes are SQLSTATE classes; raw SQL and
 * user input never become labels (the SQL goes to digests, which are bounded in number).
 */
package io.dbmesh.mesh.telemetry;
