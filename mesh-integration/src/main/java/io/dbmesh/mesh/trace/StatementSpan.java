package io.dbmesh.mesh.trace;

import io.dbmesh.mesh.digest.SqlDigest;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The span of one traced client statement. Children are built after the fact with their real
 * start and end times (the sidecar reports a planning step or a backend round trip once it is
 * over), so nothing needs a current context on the statement's thread or the shards' threads.
 */
public final class StatementSpan {
    private final StatementTracer tracer;
    private final Span span;
    private final Context context;
    private final AtomicLong physical = new AtomicLong();

    StatementSpan(StatementTracer tracer, Span span) {
        this.tracer = tracer;
        this.span = span;
        this.context = Context.root().with(span);
    }

    /** The sidecar's traceparent for the physical SQL, or null when propagation is off. */
    public String traceparent() {
        return tracer.propagate() ? TraceContextComment.traceparent(span.getSpanContext()) : null;
    }

    public String traceId() {
        return span.getSpanContext().getTraceId();
    }

    public void planned(long startNanos, long endNanos) {
        tracer.tracer().spanBuilder("plan").setParent(context).setSpanKind(SpanKind.INTERNAL)
                .setStartTimestamp(tracer.epochNanos(startNanos), TimeUnit.NANOSECONDS).startSpan()
                .end(tracer.epochNanos(endNanos), TimeUnit.NANOSECONDS);
    }

    /** One physical statement; may be called from several threads at once (a route's shards). */
    public void backend(String dataSource, String sql, long startNanos, long endNanos, int errorCode) {
        physical.incrementAndGet();
        Span child = tracer.tracer().spanBuilder("backend " + dataSource).setParent(context).setSpanKind(SpanKind.CLIENT)
                .setStartTimestamp(tracer.epochNanos(startNanos), TimeUnit.NANOSECONDS)
                .setAttribute(StatementTracer.DB_SYSTEM, "mariadb")
                .setAttribute(StatementTracer.DATA_SOURCE, dataSource)
                .setAttribute(StatementTracer.DB_STATEMENT, SqlDigest.of(sql))
                .startSpan();
        if (errorCode != 0) {
            child.setAttribute(StatementTracer.ERROR_CODE, (long) errorCode);
            child.setStatus(StatusCode.ERROR, "backend error " + errorCode);
        }
        child.end(tracer.epochNanos(endNanos), TimeUnit.NANOSECONDS);
    }

    public void end(long endNanos, String digest, String route, long rows, int errorCode, String sqlState) {
        span.setAttribute(StatementTracer.DB_STATEMENT, digest);
        span.setAttribute(StatementTracer.ROUTE, route);
        span.setAttribute(StatementTracer.ROWS, rows);
        span.setAttribute(StatementTracer.SHARDS, physical.get());
        if (errorCode != 0) {
            span.setAttribute(StatementTracer.ERROR_CODE, (long) errorCode);
            if (sqlState != null) span.setAttribute(StatementTracer.SQL_STATE, sqlState);
            span.setStatus(StatusCode.ERROR, "error " + errorCode + " (" + sqlState + ")");
        }
        span.end(tracer.epochNanos(endNanos), TimeUnit.NANOSECONDS);
    }
}
