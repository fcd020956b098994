package io.dbmesh.proxy.config;

import io.dbmesh.mesh.telemetry.TelemetryConfig;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole sidecar configuration, immutable. Loaded from YAML by {@link ConfigLoader}, which
 * validates it (every error names file, line and problem); a later issue swaps snapshots of it in
 * atomically, so nothing may cache parts of it beyond one session's lifetime without a reason.
 *
 * @param dataSources by name, in file order
 * @param databases   logical databases by name, in file order
 * @param replicaGroups data sources that are replica groups, by data source name (the entry in
 *                      {@code dataSources} is the group's primary); empty when there are none
 * @param telemetry     the {@code admin:} and {@code telemetry:} sections ({@link TelemetryConfig#DISABLED} when absent)
 * @param limits        what one client may take (prepared statements, packet sizes, failed logins)
 */
public record DbmeshConfig(ListenerConfig listener, TlsConfig tls, List<UserConfig> users,
                           Map<String, DataSourceConfig> dataSources,
                           Map<String, LogicalDatabaseConfig> databases,
                           Map<String, ReplicaGroupConfig> replicaGroups,
                           TelemetryConfig telemetry, LimitsConfig limits) {

    /** A configuration with the default limits. */
    public DbmeshConfig(ListenerConfig listener, TlsConfig tls, List<UserConfig> users,
                        Map<String, DataSourceConfig> dataSources, Map<String, LogicalDatabaseConfig> databases,
                        Map<String, ReplicaGroupConfig> replicaGroups, TelemetryConfig telemetry) {
        this(listener, tls, users, dataSources, databases, replicaGroups, telemetry, LimitsConfig.DEFAULT);
    }

    /** A configuration without telemetry, with the default limits. */
    public DbmeshConfig(ListenerConfig listener, TlsConfig tls, List<UserConfig> users,
                        Map<String, DataSourceConfig> dataSources, Map<String, LogicalDatabaseConfig> databases,
                        Map<String, ReplicaGroupConfig> replicaGroups) {
        this(listener, tls, users, dataSources, databases, replicaGroups, TelemetryConfig.DISABLED);
    }

    /** A configuration without replica groups. */
    public DbmeshConfig(ListenerConfig listener, TlsConfig tls, List<UserConfig> users,
                        Map<String, DataSourceConfig> dataSources, Map<String, LogicalDatabaseConfig> databases) {
        this(listener, tls, users, dataSources, databases, Map.of());
    }

    /** The same config with other telemetry settings (tests move the admin endpoint to port 0). */
    public DbmeshConfig withTelemetry(TelemetryConfig telemetry) {
        return new DbmeshConfig(listener, tls, users, dataSources, databases, replicaGroups, telemetry, limits);
    }

    /** The replica group a data source name stands for, if it is one. */
    public Optional<ReplicaGroupConfig> replicaGroup(String dataSource) {
        return Optional.ofNullable(replicaGroups.get(dataSource));
    }

    public Optional<UserConfig> user(String name) {
        return users.stream().filter(u -> u.name().equals(name)).findFirst();
    }
}
