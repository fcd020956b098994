package io.dbmesh.proxy.config;

import java.time.Duration;
import java.util.List;

/**
 * A data source that is a replication group: one primary and any number of replicas. Everything
 * that names a data source (a passthrough database, sharding rules) may name a group; the group's
 * name is its primary's data source name, so code unaware of groups keeps working on the primary.
 *
 * <p>In YAML a group is a data source with a {@code replicas:} list; replicas inherit the
 * primary's user, password and pool unless they set their own:
 * <pre>
 * data_sources:
 *   ds0:
 *     url: jdbc:mariadb://db-primary:3306/app
 *     user: app
 *     replicas:
 *       - url: jdbc:mariadb://db-replica-1:3306/app
 *       - {url: jdbc:mariadb://db-replica-2:3306/app, weight: 2}
 *     load_balancing: round_robin
 *     max_replication_lag: 5s
 *     health_check: {interval: 1s, timeout: 1s, failure_threshold: 2, recovery_threshold: 1}
 * </pre>
 *
 * @param primary           the primary's data source (its name is the group's name)
 * @param replicas          in config order; names default to {@code <group>.replica<n>}
 * @param maxReplicationLag a replica further behind than this ({@code Seconds_Behind_Master}) serves no reads
 * @param gtidWaitTimeout   read-your-writes: how long a read waits for a replica to apply the
 *                          session's last write before going to the primary instead
 */
public record ReplicaGroupConfig(DataSourceConfig primary, List<Replica> replicas, LoadBalancing loadBalancing,
                                 Duration maxReplicationLag, Duration gtidWaitTimeout, HealthCheckConfig healthCheck) {

    public static final Duration DEFAULT_MAX_REPLICATION_LAG = Duration.ofSeconds(5);
    public static final Duration DEFAULT_GTID_WAIT_TIMEOUT = Duration.ofMillis(100);

    /** One replica and its share of reads under {@link LoadBalancing#WEIGHTED} (1 unless set). */
    public record Replica(DataSourceConfig dataSource, int weight) {
        public Replica {
            if (weight < 0) throw new IllegalArgumentException("weight must not be negative");
        }
    }

    public ReplicaGroupConfig {
        replicas = List.copyOf(replicas);
    }

    public String name() {
        return primary.name();
    }
}
