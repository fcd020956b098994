package io.dbmesh.proxy.config;

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
 */
public record DbmeshConfig(ListenerConfig listener, TlsConfig tls, List<UserConfig> users,
                           Map<String, DataSourceConfig> dataSources,
                           Map<String, LogicalDatabaseConfig> databases) {

    public Optional<UserConfig> user(String name) {
        return users.stream().filter(u -> u.name().equals(name)).findFirst();
    }
}
