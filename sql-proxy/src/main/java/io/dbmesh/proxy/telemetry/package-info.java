/**
 * The sidecar's side of telemetry: what mesh-integration's {@code Telemetry} seam cannot know
 * without the sidecar's types — health probes of each data source's primary (readiness),
 * replica-group health fed to metrics, the running config as masked JSON for {@code /config}, and
 * the {@code SHOW DBMESH DIGESTS} answer. {@code Sidecar} assembles them.
 */
package io.dbmesh.proxy.telemetry;
