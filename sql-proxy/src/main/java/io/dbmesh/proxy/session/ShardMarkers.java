package io.dbmesh.proxy.session;

import io.dbmesh.core.sql.SqlScanner;

/**
 * The number of parameter markers in each physical SQL text of one client prepared statement,
 * remembered: a sharded COM_STMT_EXECUTE checks every shard statement's markers before binding
 * the client's values ({@link ShardBinding}), and lexing the text again on every execution was
 * ~1 % of the sidecar's CPU on sysbench read-only through two shards (profile, issue 13). The
 * engine renders each node's SQL once per cached plan, so the same text arrives as the same string
 * instance: it is matched by identity (a new instance only costs one lexing). A few texts per
 * statement (one per node, and a NO_BACKSLASH_ESCAPES form); the oldest is dropped beyond
 * {@link #KEPT}. Shard statements may be sent from fan-out threads at once: the texts live in an
 * array replaced whole, so a reader sees a complete one and a lost race only costs a lexing.
 */
final class ShardMarkers {
    static final int KEPT = 8;

    private record Known(String sql, boolean noBackslashEscapes, int markers) {
    }

    private volatile Known[] known = new Known[0];

    /** The markers of {@code sql} as a backend reads it with or without NO_BACKSLASH_ESCAPES. */
    int of(String sql, boolean noBackslashEscapes) {
        Known[] k = known;
        for (Known e : k) {
            if (e.sql == sql && e.noBackslashEscapes == noBackslashEscapes) return e.markers;
        }
        int n = count(sql, noBackslashEscapes);
        Known[] next = new Known[Math.min(k.length + 1, KEPT)];
        next[0] = new Known(sql, noBackslashEscapes, n);
        System.arraycopy(k, 0, next, 1, next.length - 1);
        known = next;
        return n;
    }

    static int count(String sql, boolean noBackslashEscapes) {
        SqlScanner s = new SqlScanner(sql, 0, sql.length(), noBackslashEscapes);
        int n = 0;
        while (s.next() != SqlScanner.Type.END) {
            if (s.isParameterMarker()) n++;
        }
        return n;
    }
}
