package io.dbmesh.mesh.telemetry;

import com.zaxxer.hikari.metrics.MetricsTrackerFactory;

/**
 * What the sidecar tells telemetry about the process: sessions, logins, bytes, pools, backend
 * health. Every method defaults to a no-op and must be cheap and never throw: they are called on
 * event loops and command threads. {@link #NONE} is what a sidecar without telemetry uses.
 */
public interface Telemetry extends AutoCloseable {

    Telemetry NONE = new Telemetry() {
    };

    /** A client authenticated and its session opened; the returned object observes its statements. */
    default SessionTelemetry sessionOpened(String user, String clientAddress) {
        return SessionTelemetry.NONE;
    }

    /** A connection the sidecar refused before a session existed. */
    default void sessionRefused(RefusalReason reason, String user, String clientAddress) {
    }

    /** A login attempt: {@code succeeded} false for a wrong password or unknown user (never the password itself). */
    default void login(String user, String clientAddress, boolean succeeded) {
    }

    /** Bytes of MySQL packets received from / sent to clients (headers included). */
    default void clientBytes(long received, long sent) {
    }

    /** HikariCP's metrics tracker for the backend pools, or null for none. */
    default MetricsTrackerFactory poolMetrics() {
        return null;
    }

    /**
     * A health probe of a backend server: {@code member} is the data source's name for a primary,
     * a replica's name otherwise; {@code lagSeconds} negative when unknown or not a replica.
     */
    default void backendProbed(String dataSource, String member, boolean up, double lagSeconds, long nanos) {
    }

    /**
     * {@code count} tells how many round trips the backend connections of {@code dataSource} made so
     * far (a pool's; read whenever metrics are scraped, so it must be cheap and thread-safe).
     */
    default void backendRoundTrips(String dataSource, java.util.function.LongSupplier count) {
    }

    /** The sharding planner's cache for a logical database answered (hit) or had to plan (miss). */
    default void planCache(String database, boolean hit) {
    }

    /**
     * A transaction ended (fed by the transaction coordinator's listener). {@code mode}: how it
     * committed (local, one_phase, two_phase) or {@code any}; {@code outcome}: commit, rollback or
     * the failure the client saw; {@code nanos} negative when unknown.
     */
    default void transactionEnded(String mode, String outcome, long nanos) {
    }

    /** Recovery resolved a prepared branch (XA COMMIT when {@code committed}, else XA ROLLBACK). */
    default void transactionRecovered(boolean committed) {
    }

    /** Prepared branches found in doubt by the last recovery pass. */
    default void transactionsInDoubt(int branches) {
    }

    /** The query digests behind SHOW DBMESH DIGESTS, or null when digests are off. */
    default io.dbmesh.mesh.digest.DigestTable digests() {
        return null;
    }

    @Override
    default void close() {
    }
}
