package io.dbmesh.mesh.digest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Statement digests per (logical database, user, normalised text), like ProxySQL's
 * {@code stats_mysql_query_digest}. Bounded: past {@code max} distinct digests, new ones are
 * counted in one {@value #OVERFLOW} row per database and user, so a client sending ever new
 * statement shapes cannot grow the sidecar's memory.
 */
public final class DigestTable {
    public static final String OVERFLOW = "(other digests)";

    private record Key(String database, String user, String digest) {
    }

    private final int max;
    private final Map<Key, DigestStats> digests = new ConcurrentHashMap<>();
    /** Bumped by {@link #reset}: sessions drop the stats objects they cached. */
    private volatile int generation;

    public DigestTable(int max) {
        this.max = max;
    }

    /** The stats to record a statement of this digest into (find once, record many times). */
    public DigestStats stats(String database, String user, String digest) {
        Key key = new Key(database == null ? "" : database, user, digest);
        DigestStats s = digests.get(key);
        if (s != null) return s;
        if (digests.size() >= max) {
            key = new Key(key.database(), user, OVERFLOW);
        }
        return digests.computeIfAbsent(key, k -> new DigestStats(k.database(), k.user(), k.digest()));
    }

    public List<DigestRow> snapshot() {
        List<DigestRow> out = new ArrayList<>(digests.size());
        for (DigestStats s : digests.values()) out.add(s.row());
        return out;
    }

    /** DBMESH RESET DIGESTS. Sessions notice through {@link #generation()} and look their stats up again. */
    public void reset() {
        generation++;
        digests.clear();
    }

    public int generation() {
        return generation;
    }

    public int size() {
        return digests.size();
    }
}
