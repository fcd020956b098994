package io.dbmesh.mesh.log;

import io.dbmesh.mesh.telemetry.RefusalReason;
import io.dbmesh.mesh.telemetry.TelemetryConfig;
import io.dbmesh.mesh.telemetry.TelemetryConfig.AuditEvent;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The slow log and the audit log (README "Logs"): JSON lines, each to stdout or its own rotated
 * file. A statement's text appears only with {@code literals: true}, and never when it may carry
 * a password ({@code IDENTIFIED BY}, {@code PASSWORD(…)}, {@code SET PASSWORD}): those lines get the
 * digest only. Passwords from logins never reach here at all.
 */
public final class StatementLogs implements AutoCloseable {
    private static final Pattern SECRET = Pattern.compile("(?i)IDENTIFIED|PASSWORD");
    /** Errors that mean "refused" rather than "failed": access denied, not supported, read-only, policy. */
    private static final Set<Integer> REFUSED_CODES = Set.of(1044, 1045, 1142, 1143, 1227, 1235, 1290, 1317, 3118, 4031);

    private final TelemetryConfig.SlowLog slowConfig;
    private final TelemetryConfig.AuditLog auditConfig;
    private final long slowNanos;
    private final JsonLinesLog slow;
    private final JsonLinesLog audit;

    public StatementLogs(TelemetryConfig.SlowLog slowConfig, TelemetryConfig.AuditLog auditConfig) {
        this.slowConfig = slowConfig;
        this.auditConfig = auditConfig;
        this.slowNanos = slowConfig.enabled() ? slowConfig.threshold().toNanos() : Long.MAX_VALUE;
        this.slow = slowConfig.enabled() ? new JsonLinesLog(slowConfig.target()) : null;
        this.audit = auditConfig.enabled() ? new JsonLinesLog(auditConfig.target()) : null;
    }

    /** What the logs need of a finished statement (built only when a log will write it). */
    public record Statement(String database, String user, String client, String kind, String route, String sql,
                            String digest, long nanos, int physicalStatements, long rows, int errorCode, String sqlState,
                            String traceId) {
    }

    /** Whether {@link #statement} would write anything for a statement of this kind, duration and error. */
    public boolean wants(String kind, long nanos, int errorCode) {
        return nanos >= slowNanos || (audit != null && audited(kind, errorCode));
    }

    public void statement(Statement s) {
        if (s.nanos() >= slowNanos) slow.write(fields("slow", s, slowConfig.target().literals()));
        if (audit != null && audited(s.kind(), s.errorCode())) audit.write(fields("statement", s, auditConfig.target().literals()));
    }

    private boolean audited(String kind, int errorCode) {
        Set<AuditEvent> events = auditConfig.events();
        if (events.contains(AuditEvent.ALL)) return true;
        boolean ddl = kind.equals("DDL") || kind.equals("CREATE_TEMPORARY_TABLE");
        if (ddl && (events.contains(AuditEvent.DDL) || events.contains(AuditEvent.WRITES))) return true;
        if (kind.equals("DML") && events.contains(AuditEvent.WRITES)) return true;
        return errorCode != 0 && events.contains(AuditEvent.REFUSED) && REFUSED_CODES.contains(errorCode);
    }

    public void login(String user, String client, boolean succeeded) {
        if (audit == null || !auditConfig.events().contains(AuditEvent.LOGINS) && !auditConfig.events().contains(AuditEvent.ALL)) return;
        Map<String, Object> f = head(succeeded ? "login" : "login_failed");
        f.put("user", user);
        f.put("client", client);
        audit.write(f);
    }

    public void refused(RefusalReason reason, String user, String client) {
        if (audit == null || reason == RefusalReason.AUTHENTICATION) return; // a failed login is logged as such
        if (!auditConfig.events().contains(AuditEvent.REFUSED) && !auditConfig.events().contains(AuditEvent.ALL)) return;
        Map<String, Object> f = head("connection_refused");
        f.put("reason", reason.label());
        f.put("user", user);
        f.put("client", client);
        audit.write(f);
    }

    private static Map<String, Object> head(String type) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("ts", Instant.now().toString());
        f.put("type", type);
        return f;
    }

    private static Map<String, Object> fields(String type, Statement s, boolean literals) {
        Map<String, Object> f = head(type);
        f.put("database", s.database());
        f.put("user", s.user());
        f.put("client", s.client());
        f.put("kind", s.kind().toLowerCase(java.util.Locale.ROOT));
        f.put("route", s.route());
        f.put("digest", s.digest());
        if (literals && s.sql() != null && !SECRET.matcher(s.sql()).find()) f.put("sql", s.sql());
        f.put("duration_ms", s.nanos() / 1_000_000.0);
        f.put("physical_statements", s.physicalStatements());
        f.put("rows", s.rows());
        if (s.errorCode() != 0) {
            f.put("error_code", s.errorCode());
            f.put("sqlstate", s.sqlState());
        }
        f.put("trace_id", s.traceId());
        return f;
    }

    @Override
    public void close() {
        if (slow != null) slow.close();
        if (audit != null) audit.close();
    }
}
