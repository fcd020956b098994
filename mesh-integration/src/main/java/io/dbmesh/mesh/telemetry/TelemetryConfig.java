package io.dbmesh.mesh.telemetry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * The {@code admin:} and {@code telemetry:} sections of the sidecar config (bound by the sidecar's
 * config loader; README "Telemetry"). {@link #DISABLED} is the library default: no admin endpoint,
 * no metrics, no traces, no logs.
 */
public record TelemetryConfig(Admin admin, boolean metrics, Tracing tracing, Digests digests, SlowLog slowLog,
                              AuditLog auditLog) {

    public static final TelemetryConfig DISABLED = new TelemetryConfig(Admin.DISABLED, false, Tracing.DISABLED,
            Digests.DISABLED, SlowLog.DISABLED, AuditLog.DISABLED);

    /** Whether anything is on, i.e. whether the sidecar needs a {@code MeshTelemetry} at all. */
    public boolean anyEnabled() {
        return admin.enabled() || metrics || tracing.enabled() || digests.enabled() || slowLog.enabled() || auditLog.enabled();
    }

    public TelemetryConfig withAdmin(Admin admin) {
        return new TelemetryConfig(admin, metrics, tracing, digests, slowLog, auditLog);
    }

    /** @param token bearer token every request must carry, or null for none */
    public record Admin(boolean enabled, String host, int port, String token) {
        public static final Admin DISABLED = new Admin(false, "127.0.0.1", 9307, null);

        @Override
        public String toString() {
            return "Admin[enabled=" + enabled + ", host=" + host + ", port=" + port + ", token=" + (token == null ? "none" : "***") + "]";
        }
    }

    /**
     * @param endpoint       OTLP/HTTP traces URL, e.g. http://127.0.0.1:4318/v1/traces
     * @param samplingRatio  0..1 of client statements without an app trace context (with one, the app's
     *                       sampled flag decides)
     * @param propagate      append the sidecar's traceparent as a comment to the physical SQL
     */
    public record Tracing(boolean enabled, String endpoint, double samplingRatio, boolean propagate, String serviceName) {
        public static final Tracing DISABLED = new Tracing(false, null, 0, false, "dbmesh");
    }

    /** @param maxDigests distinct digests kept; later ones are counted in one overflow row */
    public record Digests(boolean enabled, int maxDigests) {
        public static final Digests DISABLED = new Digests(false, 0);
    }

    /**
     * @param file     JSON-lines file, or null for standard output
     * @param maxSize  rotate when the file reaches this size (bytes)
     * @param maxFiles rotated files kept (file.1 … file.N)
     * @param literals log statements with their literal values (else the digest only)
     */
    public record LogTarget(Path file, long maxSize, int maxFiles, boolean literals) {
        public static final LogTarget STDOUT = new LogTarget(null, 64L << 20, 5, false);
    }

    public record SlowLog(boolean enabled, Duration threshold, LogTarget target) {
        public static final SlowLog DISABLED = new SlowLog(false, Duration.ofSeconds(1), LogTarget.STDOUT);
    }

    /** What the audit log records. */
    public enum AuditEvent { ALL, WRITES, DDL, REFUSED, LOGINS }

    public record AuditLog(boolean enabled, Set<AuditEvent> events, LogTarget target) {
        public static final AuditLog DISABLED = new AuditLog(false, Set.of(), LogTarget.STDOUT);
    }
}
