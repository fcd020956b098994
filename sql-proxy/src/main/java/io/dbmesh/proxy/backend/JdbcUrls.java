package io.dbmesh.proxy.backend;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a configured data source URL into the Connector/J URL the sidecar uses, with the options a
 * proxy needs (an option the user already wrote in the URL wins):
 * <ul>
 *   <li>{@code useServerPrepStmts=false}: what Connector/J's {@code prepareStatement} does is not
 *       left to the URL: the sidecar decides per statement — text (COM_QUERY) for everything but
 *       a passthrough COM_STMT_EXECUTE, which runs as a server-side statement the sidecar prepares
 *       itself ({@link BackendConnection#executePrepared}) and whose binary rows
 *       {@link JdbcRowCursor} is told to expect. Not to be overridden by the data source URL.</li>
 *   <li>{@code cachePrepStmts=false}: the sidecar keeps its own server-side statements per
 *       connection ({@link ServerStatements}); the metadata probes of COM_STMT_PREPARE must free
 *       theirs on the backend at once. Not to be overridden either.</li>
 *   <li>{@code useAffectedRows}: mirrors CLIENT_FOUND_ROWS of the client, see {@link RowCountMode}.</li>
 *   <li>{@code connectTimeout}: the pool's connection timeout, so a dead backend fails fast.</li>
 *   <li>{@code socketTimeout=0} with {@code tcpKeepAlive}: statements run on virtual threads, where
 *       every timed socket read schedules and cancels a timeout task (measured at ~5% of the
 *       sidecar's CPU per point select). Pooled connections are validated by Hikari before reuse
 *       after 500 ms idle, and keepalive detects a backend host that vanished; a data source URL
 *       may still set its own {@code socketTimeout} (milliseconds).</li>
 *   <li>{@code allowMultiQueries=false}: the session splits multi-statements itself.</li>
 *   <li>{@code allowLocalInfile=true}: a client's LOAD DATA LOCAL INFILE reaches the backend (which
 *       refuses it from a connection without CLIENT_LOCAL_FILES). A backend still never reads the
 *       sidecar's files: every statement is given the stream its LOCAL INFILE request gets
 *       ({@link StatementResults#localInfile}), the client's file or one that refuses, so
 *       Connector/J never opens a file itself.</li>
 *   <li>{@code dumpQueriesOnException=false}: backend error messages pass to clients verbatim.</li>
 *   <li>{@code jdbcCompliantTruncation=false} and {@code sql_mode=@@global.sql_mode}: Connector/J adds
 *       STRICT_TRANS_TABLES to the session's sql_mode, and the server adds IGNORE_SPACE for it (the
 *       driver always sends CLIENT_IGNORE_SPACE). Both would reach the client's statements and
 *       routines created through the sidecar ({@code CREATE TABLE count (…)} would fail), so every
 *       backend connection starts with the server's own sql_mode, as a client connecting directly
 *       does; the sidecar's internal statements need neither mode.</li>
 *   <li>{@code session_track_state_change=1}: the backend flags every statement that changed
 *       session state (SERVER_SESSION_STATE_CHANGED), including inside routines, triggers and
 *       compound statements; the session keeps such a connection to itself (see session.Pins).
 *       Needs MariaDB ≥ 10.2 or MySQL ≥ 5.7.</li>
 * </ul>
 */
public final class JdbcUrls {

    /**
     * Set on every backend connection in the SET Connector/J sends at connect anyway (no extra round
     * trip): the server's own sql_mode, and session state change tracking.
     */
    static final String SESSION_VARIABLES = "sql_mode=@@global.sql_mode,session_track_state_change=1";

    /**
     * Options a data source URL cannot override: useAffectedRows follows the client's capability,
     * the protocol and prepare-cache choices follow how the sidecar reads results (see above).
     */
    private static final java.util.Set<String> SIDECAR_DECIDES = java.util.Set.of("useAffectedRows", "useServerPrepStmts", "cachePrepStmts");

    private JdbcUrls() {
    }

    /** The physical schema of a jdbc:mariadb:// or jdbc:mysql:// URL, or null when none. */
    public static String schema(String url) {
        int hosts = url.indexOf("//");
        int slash = hosts < 0 ? -1 : url.indexOf('/', hosts + 2);
        if (slash < 0) {
            return null;
        }
        int query = url.indexOf('?', slash);
        String db = url.substring(slash + 1, query < 0 ? url.length() : query);
        return db.isEmpty() ? null : java.net.URLDecoder.decode(db, java.nio.charset.StandardCharsets.UTF_8);
    }

    public static String forProxy(String url, RowCountMode mode, long connectTimeoutMillis) {
        return forProxy(url, mode, connectTimeoutMillis, Map.of());
    }

    /**
     * As above, plus the sidecar's own driver options ({@code driverOptions}, e.g. the socket factory
     * of io.dbmesh.proxy.loop), which come after the defaults and before the URL's own options.
     */
    public static String forProxy(String url, RowCountMode mode, long connectTimeoutMillis, Map<String, String> driverOptions) {
        String base = url;
        if (base.startsWith("jdbc:mysql:")) {
            base = "jdbc:mariadb:" + base.substring("jdbc:mysql:".length());
        }
        int q = base.indexOf('?');
        Map<String, String> options = new LinkedHashMap<>();
        options.put("useServerPrepStmts", "false");
        options.put("cachePrepStmts", "false");
        options.put("useAffectedRows", mode == RowCountMode.CHANGED ? "true" : "false");
        options.put("connectTimeout", Long.toString(connectTimeoutMillis));
        options.put("socketTimeout", "0");
        options.put("tcpKeepAlive", "true");
        options.put("allowMultiQueries", "false");
        options.put("allowLocalInfile", "true");
        options.put("dumpQueriesOnException", "false");
        options.put("useBulkStmts", "false");
        options.put("jdbcCompliantTruncation", "false");
        options.put("sessionVariables", SESSION_VARIABLES);
        options.putAll(driverOptions);
        String path = base;
        if (q >= 0) {
            path = base.substring(0, q);
            for (String kv : base.substring(q + 1).split("&")) {
                if (kv.isEmpty()) continue;
                int eq = kv.indexOf('=');
                String key = eq < 0 ? kv : kv.substring(0, eq);
                if (SIDECAR_DECIDES.contains(key)) continue;
                String value = eq < 0 ? "" : kv.substring(eq + 1);
                if (key.equals("sessionVariables") && !value.isEmpty()) {
                    value = SESSION_VARIABLES + "," + value; // the URL's own come after ours
                }
                options.put(key, value);
            }
        }
        StringBuilder sb = new StringBuilder(path).append('?');
        options.forEach((k, v) -> sb.append(k).append('=').append(v).append('&'));
        sb.setLength(sb.length() - 1);
        return sb.toString();
    }
}
