package io.dbmesh.proxy.session;

import io.dbmesh.proxy.backend.PoolSelector;

/**
 * What every session of one sidecar shares: the logical databases, the pools, and the facts about
 * the sidecar itself that sessions report (max_allowed_packet, version), and the open sessions (KILL).
 */
record SessionEnvironment(LogicalDatabases databases, PoolSelector pools, long maxAllowedPacket,
                          String serverVersion, SidecarStats stats, LiveSessions sessions,
                          PrepareMetadataCache prepareCache) {
}
