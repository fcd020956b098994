package io.dbmesh.mesh.trace;

import io.dbmesh.mesh.MeshTelemetry;
import io.dbmesh.mesh.telemetry.RouteKind;
import io.dbmesh.mesh.telemetry.SessionTelemetry;
import io.dbmesh.mesh.telemetry.TelemetryConfig;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Spans of a scatter statement with OpenTelemetry's in-memory exporter: structure, parent from the app, sampling. */
class TracingTest {
    enum Kind { SELECT }

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String APP_SPAN = "00f067aa0ba902b7";

    private static MeshTelemetry telemetry(InMemorySpanExporter exporter, double ratio, boolean propagate) {
        TelemetryConfig.Tracing tracing = new TelemetryConfig.Tracing(true, "http://unused", ratio, propagate, "dbmesh-test");
        TelemetryConfig config = new TelemetryConfig(TelemetryConfig.Admin.DISABLED, false, tracing,
                TelemetryConfig.Digests.DISABLED, TelemetryConfig.SlowLog.DISABLED, TelemetryConfig.AuditLog.DISABLED);
        return new MeshTelemetry(config, new StatementTracer(tracing, SimpleSpanProcessor.create(exporter)));
    }

    @Test
    void scatterStatementIsAChildOfTheAppsSpanWithPlanAndShardChildren() {
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        try (MeshTelemetry t = telemetry(exporter, 0.0, true)) { // ratio 0: only the app's context makes it traced
            SessionTelemetry s = t.sessionOpened("app", "127.0.0.1");
            String sql = "SELECT * FROM t_order WHERE amount > 10 /*traceparent='00-" + TRACE + "-" + APP_SPAN + "-01'*/";
            long t0 = System.nanoTime();
            s.statementStarted("orders", Kind.SELECT, sql);
            s.planned(t0, t0 + 1000);
            s.route(RouteKind.SCATTER);
            String traceparent = s.backendTraceparent();
            s.backendStatement("ds_0", "SELECT * FROM t_order_0 WHERE amount > 10", t0 + 2000, t0 + 50_000, 0);
            s.backendStatement("ds_1", "SELECT * FROM t_order_1 WHERE amount > 10", t0 + 2000, t0 + 60_000, 1146);
            s.rows(7);
            s.statementEnded(0, null);

            List<SpanData> spans = exporter.getFinishedSpanItems();
            assertThat(spans).hasSize(4);
            SpanData root = spans.stream().filter(d -> d.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
            assertThat(root.getTraceId()).isEqualTo(TRACE);
            assertThat(root.getParentSpanId()).isEqualTo(APP_SPAN);
            assertThat(root.getParentSpanContext().isRemote()).isTrue();
            assertThat(root.getName()).isEqualTo("SELECT orders");
            assertThat(root.getAttributes().get(AttributeKey.stringKey("db.statement"))).isEqualTo("SELECT * FROM t_order WHERE amount > ?");
            assertThat(root.getAttributes().get(AttributeKey.stringKey("dbmesh.route"))).isEqualTo("scatter");
            assertThat(root.getAttributes().get(AttributeKey.longKey("dbmesh.rows"))).isEqualTo(7);
            assertThat(root.getAttributes().get(AttributeKey.longKey("dbmesh.physical_statements"))).isEqualTo(2);
            assertThat(traceparent).isEqualTo("00-" + TRACE + "-" + root.getSpanId() + "-01");

            List<SpanData> children = spans.stream().filter(d -> d != root).toList();
            assertThat(children).allSatisfy(c -> {
                assertThat(c.getTraceId()).isEqualTo(TRACE);
                assertThat(c.getParentSpanId()).isEqualTo(root.getSpanId());
            });
            assertThat(children).extracting(SpanData::getName).containsExactlyInAnyOrder("plan", "backend ds_0", "backend ds_1");
            SpanData failed = children.stream().filter(c -> c.getName().equals("backend ds_1")).findFirst().orElseThrow();
            assertThat(failed.getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(failed.getAttributes().get(AttributeKey.stringKey("db.statement"))).isEqualTo("SELECT * FROM t_order_1 WHERE amount > ?");
            assertThat(failed.getEndEpochNanos() - failed.getStartEpochNanos()).isEqualTo(58_000);
        }
    }

    @Test
    void samplingFollowsTheAppAndTheRatio() {
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        try (MeshTelemetry t = telemetry(exporter, 0.0, false)) {
            SessionTelemetry s = t.sessionOpened("app", "127.0.0.1");
            s.statementStarted("orders", Kind.SELECT, "SELECT 1 /*traceparent='00-" + TRACE + "-" + APP_SPAN + "-00'*/");
            assertThat(s.backendTraceparent()).isNull();
            s.statementEnded(0, null);
            s.statementStarted("orders", Kind.SELECT, "SELECT 1");
            s.statementEnded(0, null);
            s.statementStarted("orders", Kind.SELECT, "SELECT 1 /*traceparent='00-zz-broken'*/");
            s.statementEnded(0, null);
            assertThat(exporter.getFinishedSpanItems()).isEmpty();
        }
        exporter = InMemorySpanExporter.create(); // the first was shut down with its tracer
        try (MeshTelemetry t = telemetry(exporter, 1.0, false)) {
            SessionTelemetry s = t.sessionOpened("app", "127.0.0.1");
            s.statementStarted(null, Kind.SELECT, "SELECT 1");
            assertThat(s.backendTraceparent()).as("propagation off").isNull();
            s.statementEnded(1064, "42000");
            SpanData root = exporter.getFinishedSpanItems().get(0);
            assertThat(root.getParentSpanContext().isValid()).isFalse();
            assertThat(root.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(root.getAttributes().get(AttributeKey.longKey("db.mysql.error_code"))).isEqualTo(1064);
        }
    }
}
