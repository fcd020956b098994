package io.dbmesh.mesh.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dbmesh.mesh.metrics.MeshMetrics;
import io.dbmesh.mesh.telemetry.TelemetryConfig;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The admin HTTP endpoint (the JDK's {@code com.sun.net.httpserver}: four tiny read-only pages do
 * not need a web framework, and keeping it off the Netty loops means a slow scraper never delays a
 * client statement).
 * <ul>
 *   <li>{@code /metrics}: Prometheus text format 0.0.4, or OpenMetrics 1.0 when the Accept header asks;</li>
 *   <li>{@code /healthz}: 200 while the process runs;</li>
 *   <li>{@code /ready}: 200 {@code {"status":"ready"}}, or 503 with the reasons;</li>
 *   <li>{@code /config}: the running config as JSON, secrets masked, with its version.</li>
 * </ul>
 * With a token configured, every request needs {@code Authorization: Bearer <token>} (401 otherwise).
 */
public final class AdminServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;

    private AdminServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Binds and starts; a port in use fails here (the sidecar then refuses to start). */
    public static AdminServer start(TelemetryConfig.Admin config, AdminEndpoints endpoints) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 16);
        byte[] token = config.token() == null || config.token().isEmpty() ? null
                : ("Bearer " + config.token()).getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            try (exchange) {
                handle(exchange, endpoints, token);
            } catch (RuntimeException e) {
                // a failed page must not take the endpoint down; the client sees the connection close
            }
        });
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "dbmesh-admin");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
        return new AdminServer(server, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String host() {
        return server.getAddress().getHostString();
    }

    private static void handle(HttpExchange exchange, AdminEndpoints endpoints, byte[] token) throws IOException {
        if (token != null && !authorized(exchange, token)) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"dbmesh\"");
            send(exchange, 401, "application/json", json(Map.of("error", "missing or wrong bearer token")));
            return;
        }
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            send(exchange, 405, "application/json", json(Map.of("error", "only GET and HEAD")));
            return;
        }
        switch (exchange.getRequestURI().getPath()) {
            case "/metrics" -> {
                MeshMetrics metrics = endpoints.metrics();
                if (metrics == null) {
                    send(exchange, 404, "application/json", json(Map.of("error", "metrics are off (telemetry.metrics)")));
                } else {
                    MeshMetrics.Scrape scrape = metrics.scrape(exchange.getRequestHeaders().getFirst("Accept"));
                    send(exchange, 200, scrape.contentType(), scrape.body());
                }
            }
            case "/healthz" -> send(exchange, 200, "application/json", json(Map.of("status", "alive")));
            case "/ready" -> {
                List<String> problems = endpoints.readiness().problems();
                if (problems.isEmpty()) {
                    send(exchange, 200, "application/json", json(Map.of("status", "ready")));
                } else {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("status", "not ready");
                    body.put("reasons", problems);
                    send(exchange, 503, "application/json", json(body));
                }
            }
            case "/config" -> send(exchange, 200, "application/json", endpoints.config().get());
            default -> send(exchange, 404, "application/json",
                    json(Map.of("error", "not found", "endpoints", List.of("/metrics", "/healthz", "/ready", "/config"))));
        }
    }

    private static boolean authorized(HttpExchange exchange, byte[] expected) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        return header != null && MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8), expected); // constant time
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
