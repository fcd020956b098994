package io.dbmesh.proxy.session;

import io.dbmesh.mesh.telemetry.Telemetry;
import io.dbmesh.proxy.backend.PoolSelector;
import io.dbmesh.proxy.command.AdvertisedVersion;
import io.dbmesh.proxy.config.LimitsConfig;

import java.util.Set;

/**
 * What every session of one sidecar shares: the logical databases, the pools, and the facts about
 * the sidecar itself that sessions report (max_allowed_packet, version), the open sessions (KILL),
 * the limits every session counts against (prepared statements of the whole process), and the
 * transaction coordinators.
 *
 * @param telemetry     where sessions report (Telemetry.NONE when off)
 * @param replicaGroups names of the data sources that are replica groups (route label primary/replica)
 * @param binaryShards  whether a sharded COM_STMT_EXECUTE's shard statements that keep the client's
 *                      placeholders run in the binary protocol ({@link ShardBinding}); on unless the
 *                      sidecar started with {@code -Ddbmesh.binaryShards=false}, a switch for A/B runs
 *                      and differential tests (README "Against the byte relay")
 */
record SessionEnvironment(LogicalDatabases databases, PoolSelector pools, long maxAllowedPacket,
                          AdvertisedVersion serverVersion, SidecarStats stats, LiveSessions sessions,
                          PrepareMetadataCache prepareCache, Telemetry telemetry, Set<String> replicaGroups,
                          LimitsConfig limits, PreparedStatementBudget preparedBudget,
                          Transactions transactions, boolean binaryShards) {
}
