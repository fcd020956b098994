package io.dbmesh.proxy.command;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The server version the sidecar tells clients: in the handshake ({@link #announced}) and for
 * {@code VERSION()} / {@code @@version} ({@link #reported}), which always agree. Unless
 * {@code listener.server_version} is configured, it is the real version of the first data
 * source's server with a dbmesh suffix ({@code 10.11.19-MariaDB-dbmesh}, {@code 8.0.36-dbmesh}):
 * clients pick their dialect from it (SQLAlchemy and Flyway look for "MariaDB" and parse the
 * leading numbers), so it must be the backend's, not a made-up one. The handshake adds the
 * {@code 5.5.5-} prefix MariaDB servers below 11 send themselves (see {@link #announce}).
 */
public final class AdvertisedVersion {
    /** Used when nothing is configured and the backend cannot be asked. */
    public static final String FALLBACK = "10.11.0-MariaDB-dbmesh";
    private static final String REPLICATION_PREFIX = "5.5.5-";
    private static final String SUFFIX = "-dbmesh";

    private final CompletableFuture<String> version;
    private volatile String reported;

    private AdvertisedVersion(CompletableFuture<String> version) {
        this.version = version;
    }

    /** A configured string (null or blank: {@link #FALLBACK}) used as is apart from the MariaDB forms of {@link #announce}. */
    public static AdvertisedVersion configured(String configured) {
        String v = configured == null || configured.isBlank() ? FALLBACK : configured.trim();
        if (v.startsWith(REPLICATION_PREFIX)) v = v.substring(REPLICATION_PREFIX.length());
        return new AdvertisedVersion(CompletableFuture.completedFuture(withMariaDb(v)));
    }

    /** The version of a backend server, once known (a failed future means {@link #FALLBACK}). */
    public static AdvertisedVersion ofBackend(CompletableFuture<String> backendVersion) {
        return new AdvertisedVersion(backendVersion.thenApply(AdvertisedVersion::fromBackend));
    }

    /**
     * A backend's {@code @@version} → what the sidecar reports: its numbers, "-MariaDB" when it is
     * MariaDB, and "-dbmesh" ({@code 10.11.19-MariaDB-0+deb12u1} → {@code 10.11.19-MariaDB-dbmesh}).
     */
    public static String fromBackend(String backend) {
        String v = backend.trim();
        if (v.startsWith(REPLICATION_PREFIX)) v = v.substring(REPLICATION_PREFIX.length());
        String numbers = v.substring(0, numericEnd(v));
        if (numbers.isEmpty()) return FALLBACK;
        return numbers + (v.contains("MariaDB") ? "-MariaDB" : "") + SUFFIX;
    }

    /** What {@code SELECT VERSION()} answers: waits (bounded) for the backend's version at start. */
    public String reported() {
        String r = reported;
        if (r != null) return r;
        try {
            r = version.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            r = FALLBACK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FALLBACK;
        }
        reported = r;
        return r;
    }

    /** What the handshake announces. */
    public String announced() {
        return announce(reported());
    }

    /** The version when already known, else a note saying where it comes from (for the start-up log). */
    public String describe() {
        return version.isDone() ? announced() : "the first data source's version";
    }

    /**
     * The handshake form of a reported version. A MariaDB below 11 announces itself with the
     * "5.5.5-" prefix, so that clients reading the leading number as a MySQL version (MySQL
     * Connector/J) see 5.5.5 and use the variables a MariaDB backend has (tx_isolation), while
     * MariaDB clients strip it; MariaDB 11 dropped the prefix, and MySQL never had it.
     */
    static String announce(String reported) {
        if (!reported.contains("MariaDB")) return reported;
        return major(reported) < 11 ? REPLICATION_PREFIX + reported : reported;
    }

    /** A configured MariaDB-style version (major ≥ 10) always says "MariaDB", which MariaDB clients look for. */
    private static String withMariaDb(String v) {
        int end = numericEnd(v);
        if (major(v) < 10 || v.contains("MariaDB")) return v;
        return v.substring(0, end) + "-MariaDB" + v.substring(end);
    }

    private static int numericEnd(String v) {
        int end = 0;
        while (end < v.length() && (Character.isDigit(v.charAt(end)) || v.charAt(end) == '.')) end++;
        return end;
    }

    private static int major(String v) {
        int end = 0;
        while (end < v.length() && Character.isDigit(v.charAt(end))) end++;
        try {
            return end == 0 ? 0 : Integer.parseInt(v.substring(0, end));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
