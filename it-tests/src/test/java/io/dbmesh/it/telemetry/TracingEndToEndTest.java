package io.dbmesh.it.telemetry;

import com.sun.net.httpserver.HttpServer;
import io.dbmesh.it.MariaDbInstance;
import io.dbmesh.it.MariaDbServers;
import io.dbmesh.it.SidecarFixture;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Traces leave the sidecar over OTLP/HTTP to a real receiver (an HTTP server in the test that
 * decodes the protobuf): a scatter statement carrying the app's sqlcommenter {@code traceparent}
 * becomes a child of the app's span, with a planning child and one child per shard; with sampling
 * at 0, a statement without an app context is not traced at all.
 */
class TracingEndToEndTest {
    private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String APP_SPAN = "b7ad6b7169203331";

    /**
     * With {@code propagate: true} the physical statement starts with the sidecar's own traceparent
     * (same trace, the sidecar's span): the backend's processlist shows it for the running statement.
     */
    @Test
    void physicalSqlCarriesTheSidecarsTraceparent() throws Exception {
        MariaDbInstance db = MariaDbServers.shared();
        db.recreateDatabase("telemetry_trace_p");
        String yaml = """
                listener: { port: 0 }
                telemetry:
                  tracing: { endpoint: "http://127.0.0.1:9/v1/traces", sampling_ratio: 0, propagate: true }
                users: [ { name: root, password: "", admin: true } ]
                data_sources:
                  ds0: { url: "%s", user: %s, password: "%s" }
                databases:
                  telp: { data_source: ds0 }
                """.formatted(db.jdbcUrl("telemetry_trace_p"), db.user(), db.password());
        try (SidecarFixture sidecar = SidecarFixture.fromYaml(yaml, Map.of());
             Connection c = sidecar.connect("telp"); Statement s = c.createStatement()) {
            String marker = "tel-marker-" + System.nanoTime();
            String self = "SELECT INFO FROM information_schema.PROCESSLIST WHERE INFO LIKE '%" + marker + "%'";
            try (ResultSet rs = s.executeQuery(self + " /*traceparent='00-" + TRACE + "-" + APP_SPAN + "-01'*/")) {
                assertThat(rs.next()).isTrue();
                String info = rs.getString(1);
                assertThat(info).matches("(?s)/\\*traceparent='00-" + TRACE + "-[0-9a-f]{16}-01'\\*/ SELECT INFO.*")
                        .doesNotContain("/*traceparent='00-" + TRACE + "-" + APP_SPAN + "-01'*/ SELECT"); // the sidecar's span, not the app's
            }
            try (ResultSet rs = s.executeQuery(self)) { // not traced (ratio 0, no app context): nothing added
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).startsWith("SELECT INFO");
            }
        } finally {
            db.execute("DROP DATABASE IF EXISTS telemetry_trace_p");
        }
    }

    @Test
    void scatterStatementContinuesTheAppsTrace() throws Exception {
        Queue<OtlpTraces.Span> received = new ConcurrentLinkedQueue<>();
        Queue<String> contentTypes = new ConcurrentLinkedQueue<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/v1/traces", exchange -> {
            try (exchange) {
                contentTypes.add(String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
                received.addAll(OtlpTraces.decode(exchange.getRequestBody().readAllBytes()));
                exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1);
            }
        });
        receiver.start();
        MariaDbInstance db = MariaDbServers.shared();
        db.recreateDatabase("telemetry_trace_s0");
        db.recreateDatabase("telemetry_trace_s1");
        String yaml = """
                listener: { port: 0 }
                telemetry:
                  tracing: { endpoint: "http://127.0.0.1:%d/v1/traces", sampling_ratio: 0, propagate: true, service_name: dbmesh-it }
                users: [ { name: root, password: "" } ]
                data_sources:
                  ds_s0: { url: "%s", user: %s, password: "%s" }
                  ds_s1: { url: "%s", user: %s, password: "%s" }
                databases:
                  telsh:
                    sharding:
                      default_data_source: ds_s0
                      tables:
                        t: { key: id, nodes: "ds_s[0..1].t", algorithm: mod }
                      schema:
                        - CREATE TABLE IF NOT EXISTS t (id BIGINT PRIMARY KEY, v INT)
                """.formatted(receiver.getAddress().getPort(),
                db.jdbcUrl("telemetry_trace_s0"), db.user(), db.password(),
                db.jdbcUrl("telemetry_trace_s1"), db.user(), db.password());
        try (SidecarFixture sidecar = SidecarFixture.fromYaml(yaml, Map.of());
             Connection c = sidecar.connect("telsh"); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO t (id, v) VALUES (1, 10), (2, 20), (3, 30)");
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) { // no app context, ratio 0: not traced
                rs.next();
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t WHERE v > 5 /*traceparent='00-" + TRACE + "-" + APP_SPAN + "-01'*/")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(3);
            }
            await("four exported spans").atMost(java.time.Duration.ofSeconds(60)).pollInterval(java.time.Duration.ofMillis(100))
                    .until(() -> received.size() >= 4);
        } finally {
            receiver.stop(0);
            db.execute("DROP DATABASE IF EXISTS telemetry_trace_s0", "DROP DATABASE IF EXISTS telemetry_trace_s1");
        }
        List<OtlpTraces.Span> spans = List.copyOf(received);
        assertThat(contentTypes).allMatch(t -> t.startsWith("application/x-protobuf"));
        assertThat(spans).as("only the statement with the app's context is traced").hasSize(4)
                .allSatisfy(sp -> assertThat(sp.traceId()).isEqualTo(TRACE))
                .allSatisfy(sp -> assertThat(sp.serviceName()).isEqualTo("dbmesh-it"));
        OtlpTraces.Span root = spans.stream().filter(sp -> sp.kind() == 2).findFirst().orElseThrow(); // SPAN_KIND_SERVER
        assertThat(root.parentSpanId()).isEqualTo(APP_SPAN);
        assertThat(root.name()).isEqualTo("SELECT telsh");
        assertThat(root.attributes()).containsEntry("db.statement", "SELECT COUNT(*) FROM t WHERE v > ?")
                .containsEntry("dbmesh.route", "scatter").containsEntry("db.name", "telsh")
                .containsEntry("dbmesh.physical_statements", 2L).containsEntry("dbmesh.rows", 1L);
        List<OtlpTraces.Span> children = spans.stream().filter(sp -> sp != root).toList();
        assertThat(children).allSatisfy(ch -> {
            assertThat(ch.parentSpanId()).isEqualTo(root.spanId());
            assertThat(ch.startNanos()).isGreaterThanOrEqualTo(root.startNanos());
            assertThat(ch.endNanos()).isLessThanOrEqualTo(root.endNanos());
        });
        assertThat(children).extracting(OtlpTraces.Span::name).containsExactlyInAnyOrder("plan", "backend ds_s0", "backend ds_s1");
        assertThat(children.stream().filter(ch -> ch.name().startsWith("backend")))
                .allSatisfy(ch -> {
                    assertThat(ch.kind()).isEqualTo(3); // SPAN_KIND_CLIENT
                    assertThat(ch.attributes()).containsEntry("db.statement", "SELECT COUNT(*) FROM `t` WHERE v > ?"); // the physical SQL, digested
                    assertThat(ch.attributes()).containsEntry("dbmesh.data_source", ch.name().substring("backend ".length()));
                });
    }
}
