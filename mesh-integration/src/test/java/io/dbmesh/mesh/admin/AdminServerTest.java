package io.dbmesh.mesh.admin;

import io.dbmesh.mesh.metrics.MeshMetrics;
import io.dbmesh.mesh.telemetry.TelemetryConfig;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class AdminServerTest {
    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> send(String url, String method, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) b.header("Authorization", "Bearer " + token);
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void readyReportsReasonsAndOtherMethodsAreRefused() throws Exception {
        AtomicReference<List<String>> problems = new AtomicReference<>(List.of());
        try (MeshMetrics metrics = new MeshMetrics();
             AdminServer server = AdminServer.start(new TelemetryConfig.Admin(true, "127.0.0.1", 0, null),
                     new AdminEndpoints(metrics, problems::get, () -> "{\"version\":\"x\"}"))) {
            String base = "http://127.0.0.1:" + server.port();
            assertThat(send(base + "/ready", "GET", null).statusCode()).isEqualTo(200);
            problems.set(List.of("data source 'ds1': primary down"));
            HttpResponse<String> r = send(base + "/ready", "GET", null);
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).isEqualTo("{\"status\":\"not ready\",\"reasons\":[\"data source 'ds1': primary down\"]}");
            assertThat(send(base + "/metrics", "POST", null).statusCode()).isEqualTo(405);
            assertThat(send(base + "/config", "GET", null).body()).isEqualTo("{\"version\":\"x\"}");
            assertThat(send(base + "/metrics", "HEAD", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void tokenIsRequiredWhenConfiguredAndMetricsOffIs404() throws Exception {
        try (AdminServer server = AdminServer.start(new TelemetryConfig.Admin(true, "127.0.0.1", 0, "t0k"),
                new AdminEndpoints(null, List::of, () -> "{}"))) {
            String base = "http://127.0.0.1:" + server.port();
            HttpResponse<String> denied = send(base + "/healthz", "GET", null);
            assertThat(denied.statusCode()).isEqualTo(401);
            assertThat(denied.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"dbmesh\"");
            assertThat(send(base + "/healthz", "GET", "t0k").statusCode()).isEqualTo(200);
            assertThat(send(base + "/metrics", "GET", "t0k").statusCode()).isEqualTo(404);
        }
    }
}
