/**
 * Micrometer meters of the sidecar, exposed in Prometheus format (README "Metrics" lists every
 * name). Meters of the hot path are resolved once per (database, kind, route, outcome) and kept
 * in arrays indexed by enum ordinals, so recording a statement costs two counter/timer updates and
 * no tag building or registry lookup.
 */
package io.dbmesh.mesh.metrics;
