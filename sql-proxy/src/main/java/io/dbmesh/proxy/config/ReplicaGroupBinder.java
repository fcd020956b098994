package io.dbmesh.proxy.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Binds the read/write-splitting keys of a data source section (see {@link ReplicaGroupConfig}
 * for the YAML shape): {@code replicas}, {@code load_balancing}, {@code max_replication_lag},
 * {@code gtid_wait_timeout}, {@code health_check}. A data source without {@code replicas} is a
 * plain one; the other keys are then refused, so a group that lost its replica list in an edit
 * does not silently become a single server with ignored settings.
 *
 * <p>Replicas are written either as a URL or as a mapping with {@code url} and optional
 * {@code name}, {@code weight}, {@code user}, {@code password}, {@code pool}; user, password and
 * pool default to the primary's.
 */
final class ReplicaGroupBinder {
    static final List<String> KEYS = List.of("replicas", "load_balancing", "max_replication_lag",
            "gtid_wait_timeout", "health_check");

    private ReplicaGroupBinder() {
    }

    /** Reads the group keys of {@code s} (marking them consumed); empty for a plain data source. */
    static Optional<ReplicaGroupConfig> bind(DataSourceConfig primary, ConfigSection s) {
        ConfigNode replicasNode = s.node("replicas");
        if (replicasNode == null || replicasNode instanceof ConfigNode.Scalar scalar && scalar.value() == null) {
            for (String key : KEYS) {
                if (s.has(key)) {
                    throw s.error(key, "'" + s.path() + "." + key + "' only applies to a replica group: add a 'replicas' list");
                }
            }
            return Optional.empty();
        }
        if (!(replicasNode instanceof ConfigNode.Sequence sequence)) {
            throw new ConfigException(replicasNode.location(), "'" + s.path() + ".replicas' must be a list of replica URLs or mappings");
        }
        List<ReplicaGroupConfig.Replica> replicas = new ArrayList<>();
        for (int i = 0; i < sequence.items().size(); i++) {
            ReplicaGroupConfig.Replica replica = replica(primary, sequence.items().get(i), i, s.path());
            if (replicas.stream().anyMatch(r -> r.dataSource().name().equals(replica.dataSource().name()))) {
                throw new ConfigException(sequence.items().get(i).location(), "replica name '"
                        + replica.dataSource().name() + "' is used twice in '" + s.path() + "'");
            }
            replicas.add(replica);
        }
        LoadBalancing loadBalancing = loadBalancing(s);
        Duration maxLag = positive(s, "max_replication_lag", ReplicaGroupConfig.DEFAULT_MAX_REPLICATION_LAG);
        if (maxLag.toMillis() % 1000 != 0) {
            throw s.error("max_replication_lag", "'" + s.path() + ".max_replication_lag' must be whole seconds"
                    + " (replicas report their lag in seconds)");
        }
        Duration gtidWait = s.optionalDuration("gtid_wait_timeout", ReplicaGroupConfig.DEFAULT_GTID_WAIT_TIMEOUT);
        if (gtidWait.compareTo(Duration.ofSeconds(10)) > 0) {
            throw s.error("gtid_wait_timeout", "'" + s.path() + ".gtid_wait_timeout' must be at most 10s:"
                    + " a read waits this long before going to the primary");
        }
        HealthCheckConfig health = healthCheck(s.section("health_check"));
        return Optional.of(new ReplicaGroupConfig(primary, replicas, loadBalancing, maxLag, gtidWait, health));
    }

    private static ReplicaGroupConfig.Replica replica(DataSourceConfig primary, ConfigNode node, int index, String groupPath) {
        String defaultName = primary.name() + ".replica" + (index + 1);
        if (node instanceof ConfigNode.Scalar scalar && scalar.value() != null) {
            String url = scalar.value().trim();
            checkUrl(url, node.location(), groupPath + ".replicas[" + index + "]");
            return new ReplicaGroupConfig.Replica(new DataSourceConfig(defaultName, url, primary.user(),
                    primary.password(), primary.pool()), 1);
        }
        ConfigSection r = ConfigSection.of(node, groupPath + ".replicas[" + index + "]");
        r.expectOnly("name", "url", "user", "password", "pool", "weight");
        String name = r.optionalString("name", defaultName).trim();
        if (!name.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw r.error("name", "replica name '" + name + "' may only use letters, digits, '_', '.', '-' (at most 64)");
        }
        String url = r.requiredString("url").trim();
        checkUrl(url, r.node("url").location(), r.path());
        String user = r.optionalString("user", primary.user());
        String password = r.optionalString("password", primary.password());
        DataSourceConfig.PoolConfig pool = r.has("pool") ? ConfigLoader.pool(r.section("pool")) : primary.pool();
        int weight = r.optionalInt("weight", 1, 0, 1000);
        return new ReplicaGroupConfig.Replica(new DataSourceConfig(name, url, user, password, pool), weight);
    }

    private static void checkUrl(String url, ConfigLocation at, String path) {
        try {
            JdbcUrl.parse(url);
        } catch (IllegalArgumentException bad) {
            throw new ConfigException(at, "'" + path + "' is not a usable JDBC URL (" + JdbcUrl.redact(url) + "): " + bad.getMessage());
        }
    }

    private static LoadBalancing loadBalancing(ConfigSection s) {
        String text = s.optionalString("load_balancing", LoadBalancing.DEFAULT.configName()).trim();
        for (LoadBalancing policy : LoadBalancing.values()) {
            if (policy.configName().equals(text.toLowerCase(Locale.ROOT))) return policy;
        }
        throw s.error("load_balancing", "unknown load_balancing '" + text
                + "' in '" + s.path() + "' (expected round_robin, random, weighted or least_connections)");
    }

    private static HealthCheckConfig healthCheck(ConfigSection s) {
        s.expectOnly("interval", "timeout", "failure_threshold", "recovery_threshold");
        HealthCheckConfig d = HealthCheckConfig.DEFAULT;
        Duration interval = positive(s, "interval", d.interval());
        Duration timeout = positive(s, "timeout", d.timeout());
        int failures = s.optionalInt("failure_threshold", d.failureThreshold(), 1, 100);
        int recoveries = s.optionalInt("recovery_threshold", d.recoveryThreshold(), 1, 100);
        return new HealthCheckConfig(interval, timeout, failures, recoveries);
    }

    private static Duration positive(ConfigSection s, String key, Duration defaultValue) {
        Duration value = s.optionalDuration(key, defaultValue);
        if (value.isZero()) throw s.error(key, "'" + s.path() + "." + key + "' must be more than 0");
        return value;
    }

    /**
     * Replica names share the data-source namespace (logs, SHOW DBMESH REPLICAS): refuse one that
     * is also a data source or a replica of another group.
     */
    static void checkReplicaNames(ConfigSection holder, Map<String, DataSourceConfig> dataSources,
                                  Map<String, ReplicaGroupConfig> groups) {
        Map<String, String> seen = new HashMap<>();
        for (ReplicaGroupConfig group : groups.values()) {
            for (ReplicaGroupConfig.Replica r : group.replicas()) {
                String name = r.dataSource().name();
                String other = dataSources.containsKey(name) ? "a data source" : seen.get(name);
                if (other != null) {
                    throw new ConfigException(holder.keyLocation(group.name()), "replica '" + name + "' of '"
                            + group.name() + "' has the same name as " + other + ": give it another 'name'");
                }
                seen.put(name, "a replica of '" + group.name() + "'");
            }
        }
    }

    /** Parses a {@code consistency} value of a logical database. */
    static ReadConsistency consistency(ConfigSection s) {
        String text = s.optionalString("consistency", ReadConsistency.DEFAULT.configName()).trim();
        for (ReadConsistency c : ReadConsistency.values()) {
            if (c.configName().equals(text.toLowerCase(Locale.ROOT))) return c;
        }
        throw s.error("consistency", "unknown consistency '" + text + "' in '" + s.path()
                + "' (expected eventual, session or strong)");
    }
}
