package io.dbmesh.proxy.config;

import java.time.Duration;

/**
 * How the health checker probes the members of a replica group. Each probe uses its own small
 * connection, never one of the serving pool.
 *
 * @param interval          time between two probes of one member
 * @param timeout           connect and socket timeout of a probe: a hung server counts as down after this
 * @param failureThreshold  consecutive failed probes before a member leaves service
 * @param recoveryThreshold consecutive good probes before it comes back
 */
public record HealthCheckConfig(Duration interval, Duration timeout, int failureThreshold, int recoveryThreshold) {

    public static final HealthCheckConfig DEFAULT = new HealthCheckConfig(Duration.ofSeconds(1),
            Duration.ofSeconds(1), 2, 1);

    public HealthCheckConfig {
        if (interval.isNegative() || interval.isZero()) throw new IllegalArgumentException("interval must be positive");
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive");
        if (failureThreshold < 1) throw new IllegalArgumentException("failure_threshold must be at least 1");
        if (recoveryThreshold < 1) throw new IllegalArgumentException("recovery_threshold must be at least 1");
    }
}
