package io.dbmesh.proxy.config;

import java.time.Duration;

/**
 * What one client may take from the sidecar (section {@code limits:}), so that no client — logged
 * in or not — can exhaust its memory or guess passwords at line speed. Every limit has a safe
 * default; each exceeded limit answers its own MySQL error (README, "Security").
 *
 * @param preAuthPacket                   largest packet accepted before authentication completes;
 *                                        a larger one is refused and the connection closed unread
 * @param preparedStatementsPerConnection statements one connection may hold prepared
 * @param preparedStatements              statements all connections together may hold (MySQL's max_prepared_stmt_count)
 * @param preparedStatementBytes          total text of all prepared statements of the process
 * @param longDataPerStatement            COM_STMT_SEND_LONG_DATA bytes buffered per statement until its execute
 * @param failedLogins                    throttling of failed logins per client address and per user
 */
public record LimitsConfig(long preAuthPacket, int preparedStatementsPerConnection, int preparedStatements,
                           long preparedStatementBytes, long longDataPerStatement, FailedLogins failedLogins) {

    public static final LimitsConfig DEFAULT = new LimitsConfig(16 << 10, 1024, 16382, 64L << 20, 16L << 20,
            FailedLogins.DEFAULT);

    /**
     * Like MySQL's connection-control plugin: after {@code delayAfter} consecutive failures of one
     * client address or one user, each further attempt is answered only after a delay that starts at
     * {@code delay} and doubles up to {@code maxDelay}; after {@code blockAfter} failures the address
     * or user is refused outright (ER_HOST_IS_BLOCKED / access denied) for {@code blockFor}. A
     * success resets both counts; counts are forgotten {@code blockFor} after the last failure.
     */
    public record FailedLogins(int delayAfter, Duration delay, Duration maxDelay, int blockAfter, Duration blockFor) {
        public static final FailedLogins DEFAULT = new FailedLogins(3, Duration.ofMillis(500), Duration.ofSeconds(10),
                20, Duration.ofMinutes(5));
    }
}
