package io.dbmesh.mesh.trace;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;

/**
 * Finds an application's W3C trace context in a statement, as Google's sqlcommenter and
 * OpenTelemetry's JDBC instrumentation write it: a comment such as
 * {@code /*traceparent='00-<32 hex trace id>-<16 hex span id>-<2 hex flags>'*}{@code /}, usually at
 * the end of the statement. Anything malformed is ignored (the statement is then traced, if
 * sampled, as a root).
 */
public final class TraceContextComment {
    private static final String KEY = "traceparent=";
    private static final int LENGTH = 55; // 00-32-16-2

    private TraceContextComment() {
    }

    /** The remote parent named in {@code sql}, or null. */
    public static SpanContext parent(String sql) {
        int at = sql.indexOf(KEY);
        if (at < 0 || sql.lastIndexOf("/*", at) < 0) return null;
        int start = at + KEY.length();
        if (start >= sql.length()) return null;
        char quote = sql.charAt(start);
        if (quote == '\'' || quote == '"') start++;
        if (start + LENGTH > sql.length()) return null;
        String value = sql.substring(start, start + LENGTH);
        if (!value.startsWith("00-") || value.charAt(35) != '-' || value.charAt(52) != '-') return null;
        String traceId = value.substring(3, 35);
        String spanId = value.substring(36, 52);
        String flags = value.substring(53, 55);
        if (!isHex(flags)) return null;
        SpanContext context = SpanContext.createFromRemoteParent(traceId, spanId, TraceFlags.fromHex(flags, 0), TraceState.getDefault());
        return context.isValid() ? context : null;
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) return false;
        }
        return true;
    }

    /** The W3C traceparent header value for a span context. */
    public static String traceparent(SpanContext context) {
        return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex();
    }
}
