package io.dbmesh.proxy.config;

import io.dbmesh.mesh.telemetry.TelemetryConfig;
import io.dbmesh.mesh.telemetry.TelemetryConfig.AuditEvent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Binds the {@code admin:} and {@code telemetry:} sections into mesh-integration's
 * {@link TelemetryConfig} (README "Telemetry" shows the layout). Absent sections mean off; an
 * {@code admin:} section means on unless it says {@code enabled: false}, and metrics default to on
 * with it (what the endpoint is for).
 */
final class TelemetryBinder {

    private TelemetryBinder() {
    }

    static TelemetryConfig bind(ConfigSection root, Path baseDir) {
        boolean adminPresent = root.has("admin");
        ConfigSection a = root.section("admin");
        a.expectOnly("enabled", "host", "port", "token");
        boolean adminOn = a.optionalBoolean("enabled", adminPresent);
        String host = a.optionalString("host", "127.0.0.1").trim();
        if (host.isEmpty()) throw a.error("host", "'admin.host' must not be empty");
        int port = a.optionalInt("port", 9307, 0, 65535);
        String token = a.optionalString("token", null);
        if (token != null && token.isBlank()) token = null;
        TelemetryConfig.Admin admin = new TelemetryConfig.Admin(adminOn, host, port, token);

        ConfigSection t = root.section("telemetry");
        t.expectOnly("metrics", "tracing", "digests", "slow_log", "audit_log");
        boolean metrics = t.optionalBoolean("metrics", adminOn);

        ConfigSection tr = t.section("tracing");
        tr.expectOnly("enabled", "endpoint", "sampling_ratio", "propagate", "service_name");
        boolean tracingOn = tr.optionalBoolean("enabled", t.has("tracing"));
        String endpoint = tr.optionalString("endpoint", "http://127.0.0.1:4318/v1/traces").trim();
        if (tracingOn && !(endpoint.startsWith("http://") || endpoint.startsWith("https://"))) {
            throw tr.error("endpoint", "'telemetry.tracing.endpoint' must be an OTLP/HTTP URL like http://127.0.0.1:4318/v1/traces, got '" + endpoint + "'");
        }
        double ratio = ratio(tr, "sampling_ratio", 0.01);
        TelemetryConfig.Tracing tracing = new TelemetryConfig.Tracing(tracingOn, endpoint, ratio,
                tr.optionalBoolean("propagate", false), tr.optionalString("service_name", "dbmesh"));

        ConfigSection d = t.section("digests");
        d.expectOnly("enabled", "max");
        TelemetryConfig.Digests digests = new TelemetryConfig.Digests(d.optionalBoolean("enabled", t.has("digests")),
                d.optionalInt("max", 2000, 1, 1_000_000));

        ConfigSection s = t.section("slow_log");
        s.expectOnly("enabled", "threshold", "file", "max_size", "max_files", "literals");
        boolean slowOn = s.optionalBoolean("enabled", t.has("slow_log"));
        Duration threshold = s.optionalDuration("threshold", Duration.ofSeconds(1));
        TelemetryConfig.SlowLog slow = new TelemetryConfig.SlowLog(slowOn, threshold, target(s, baseDir));

        ConfigSection au = t.section("audit_log");
        au.expectOnly("enabled", "events", "file", "max_size", "max_files", "literals");
        boolean auditOn = au.optionalBoolean("enabled", t.has("audit_log"));
        Set<AuditEvent> events = EnumSet.noneOf(AuditEvent.class);
        for (String e : au.optionalStringList("events", java.util.List.of("logins", "refused", "ddl"))) {
            try {
                events.add(AuditEvent.valueOf(e.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException bad) {
                throw au.error("events", "'telemetry.audit_log.events' has unknown event '" + e
                        + "' (known: all, writes, ddl, refused, logins)");
            }
        }
        TelemetryConfig.AuditLog audit = new TelemetryConfig.AuditLog(auditOn, Set.copyOf(events), target(au, baseDir));
        return new TelemetryConfig(admin, metrics, tracing, digests, slow, audit);
    }

    private static TelemetryConfig.LogTarget target(ConfigSection s, Path baseDir) {
        String file = s.optionalString("file", "stdout").trim();
        Path path = file.isEmpty() || file.equals("stdout") ? null : baseDir.resolve(file).normalize();
        long maxSize = s.optionalSize("max_size", 64L << 20, 1024, 1L << 40);
        int maxFiles = s.optionalInt("max_files", 5, 1, 1000);
        return new TelemetryConfig.LogTarget(path, maxSize, maxFiles, s.optionalBoolean("literals", false));
    }

    private static double ratio(ConfigSection s, String key, double defaultValue) {
        String text = s.optionalString(key, null);
        if (text == null) return defaultValue;
        try {
            double v = Double.parseDouble(text.trim());
            if (v >= 0 && v <= 1) return v;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw s.error(key, "'" + s.path() + "." + key + "' must be a number from 0 to 1, got '" + text + "'");
    }
}
