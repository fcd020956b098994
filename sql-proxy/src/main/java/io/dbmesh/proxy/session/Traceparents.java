package io.dbmesh.proxy.session;

/**
 * The sqlcommenter form of a W3C trace context on a physical statement, so database-side logs
 * (general log, slow log, processlist) correlate with the sidecar's trace. Put in front of the
 * statement: a trailing comment could land inside a client's unterminated {@code --} comment.
 */
final class Traceparents {

    private Traceparents() {
    }

    static String prefix(String traceparent, String sql) {
        return "/*traceparent='" + traceparent + "'*/ " + sql;
    }
}
