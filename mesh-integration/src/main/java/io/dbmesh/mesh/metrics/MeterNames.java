package io.dbmesh.mesh.metrics;

/**
 * The Micrometer names of the sidecar's meters (Prometheus renders {@code dbmesh.statements} as
 * {@code dbmesh_statements_total}, timers as {@code _seconds} histograms). One list, so the README
 * table, the dashboard and the tests name the same things.
 */
public final class MeterNames {
    public static final String STATEMENTS = "dbmesh.statements";
    public static final String STATEMENT_DURATION = "dbmesh.statement.duration";
    public static final String BACKEND_STATEMENTS = "dbmesh.backend.statements";
    public static final String BACKEND_DURATION = "dbmesh.backend.duration";
    public static final String BACKEND_ROUND_TRIPS = "dbmesh.backend.round.trips";
    public static final String SESSIONS_OPEN = "dbmesh.sessions.open";
    public static final String SESSIONS_OPENED = "dbmesh.sessions.opened";
    public static final String SESSIONS_REFUSED = "dbmesh.sessions.refused";
    public static final String LOGINS = "dbmesh.logins";
    public static final String CLIENT_RECEIVED = "dbmesh.client.received";
    public static final String CLIENT_SENT = "dbmesh.client.sent";
    public static final String BACKEND_UP = "dbmesh.backend.up";
    public static final String BACKEND_LAG = "dbmesh.backend.replication.lag";
    public static final String BACKEND_PROBE_DURATION = "dbmesh.backend.probe.duration";
    public static final String PLAN_CACHE = "dbmesh.plan.cache.lookups";
    public static final String FEDERATION_RUNS = "dbmesh.federation.runs";
    public static final String TRANSACTIONS = "dbmesh.transactions";
    public static final String TRANSACTION_DURATION = "dbmesh.transaction.duration";
    public static final String TRANSACTIONS_RECOVERED = "dbmesh.transactions.recovered";
    public static final String TRANSACTIONS_IN_DOUBT = "dbmesh.transactions.in.doubt";

    private MeterNames() {
    }
}
