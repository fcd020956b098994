package io.dbmesh.mesh.trace;

import io.dbmesh.mesh.telemetry.TelemetryConfig;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * OpenTelemetry traces of client statements: a SERVER span per traced statement, with a child
 * for planning and one CLIENT child per physical statement. A statement carrying the app's
 * {@code traceparent} comment ({@link TraceContextComment}) is traced when the app's trace is
 * sampled and becomes a child of the app's span; others are sampled at the configured ratio.
 * The sampling decision comes first, so an unsampled statement costs one random number and
 * allocates nothing.
 */
public final class StatementTracer implements AutoCloseable {
    static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system");
    static final AttributeKey<String> DB_NAME = AttributeKey.stringKey("db.name");
    static final AttributeKey<String> DB_STATEMENT = AttributeKey.stringKey("db.statement");
    static final AttributeKey<String> DB_USER = AttributeKey.stringKey("db.user");
    static final AttributeKey<String> DATA_SOURCE = AttributeKey.stringKey("dbmesh.data_source");
    static final AttributeKey<String> ROUTE = AttributeKey.stringKey("dbmesh.route");
    static final AttributeKey<Long> ROWS = AttributeKey.longKey("dbmesh.rows");
    static final AttributeKey<Long> SHARDS = AttributeKey.longKey("dbmesh.physical_statements");
    static final AttributeKey<Long> ERROR_CODE = AttributeKey.longKey("db.mysql.error_code");
    static final AttributeKey<String> SQL_STATE = AttributeKey.stringKey("db.sqlstate");

    private final SdkTracerProvider provider;
    private final Tracer tracer;
    private final double ratio;
    private final boolean propagate;
    private final long epochAnchorNanos;
    private final long nanoAnchor;

    /** @param processor where finished spans go (a batch processor over the OTLP exporter, or a test's) */
    public StatementTracer(TelemetryConfig.Tracing config, SpanProcessor processor) {
        this.provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(
                        AttributeKey.stringKey("service.name"), config.serviceName()))))
                .setSampler(Sampler.alwaysOn()) // decided before a span is built (see start)
                .addSpanProcessor(processor)
                .build();
        this.tracer = provider.get("io.dbmesh");
        this.ratio = config.samplingRatio();
        this.propagate = config.propagate();
        Instant now = Instant.now();
        this.nanoAnchor = System.nanoTime();
        this.epochAnchorNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** The tracer of a config: OTLP over HTTP (protobuf) to its endpoint, spans sent in batches. */
    public static StatementTracer otlp(TelemetryConfig.Tracing config) {
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder().setEndpoint(config.endpoint())
                .setTimeout(Duration.ofSeconds(5)).build();
        return new StatementTracer(config, BatchSpanProcessor.builder(exporter).setScheduleDelay(Duration.ofSeconds(1)).build());
    }

    boolean propagate() {
        return propagate;
    }

    /** A traced statement's span, or null when this statement is not traced. */
    public StatementSpan start(String sql, String database, String kind, String user, long startNanos) {
        SpanContext parent = sql.indexOf("traceparent") >= 0 ? TraceContextComment.parent(sql) : null;
        if (parent != null) {
            if (!parent.isSampled()) return null; // the app decided
        } else if (ratio < 1 && (ratio <= 0 || ThreadLocalRandom.current().nextDouble() >= ratio)) {
            return null;
        }
        SpanBuilder b = tracer.spanBuilder(database == null ? kind : kind + " " + database)
                .setSpanKind(SpanKind.SERVER)
                .setStartTimestamp(epochNanos(startNanos), TimeUnit.NANOSECONDS)
                .setAttribute(DB_SYSTEM, "mariadb");
        if (database != null) b.setAttribute(DB_NAME, database);
        if (user != null) b.setAttribute(DB_USER, user);
        b.setParent(parent != null ? Context.root().with(Span.wrap(parent)) : Context.root());
        return new StatementSpan(this, b.startSpan());
    }

    Tracer tracer() {
        return tracer;
    }

    long epochNanos(long nanoTime) {
        return epochAnchorNanos + (nanoTime - nanoAnchor);
    }

    /** Flushes what is pending (tests, shutdown). */
    public void flush() {
        provider.forceFlush().join(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        provider.shutdown().join(10, TimeUnit.SECONDS);
    }
}
