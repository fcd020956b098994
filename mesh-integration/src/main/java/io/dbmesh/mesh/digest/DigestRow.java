package io.dbmesh.mesh.digest;

/** One row of SHOW DBMESH DIGESTS; times in nanoseconds, instants in epoch milliseconds. */
public record DigestRow(String database, String user, String digest, long count, long errors, long rows,
                        long totalNanos, long minNanos, long maxNanos, long p95Nanos, long firstSeenMillis,
                        long lastSeenMillis) {
}
