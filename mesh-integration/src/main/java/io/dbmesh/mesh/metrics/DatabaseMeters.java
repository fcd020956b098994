package io.dbmesh.mesh.metrics;

import io.dbmesh.mesh.telemetry.Outcome;
import io.dbmesh.mesh.telemetry.RouteKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The statement meters of one logical database, resolved on first use and then found by array
 * index: [kind ordinal][route][outcome] for the counter, [route] for the latency histogram.
 */
public final class DatabaseMeters {
    private static final int ROUTES = RouteKind.values().length;
    private static final int OUTCOMES = Outcome.values().length;

    private final MeterRegistry registry;
    private final String database;
    /** index = (kind * ROUTES + route) * OUTCOMES + outcome; grown when a larger kind enum shows up */
    private volatile AtomicReferenceArray<Counter> statements = new AtomicReferenceArray<>(32 * ROUTES * OUTCOMES);
    private final AtomicReferenceArray<Timer> durations = new AtomicReferenceArray<>(ROUTES);
    private final Counter federationRuns;

    DatabaseMeters(MeterRegistry registry, String database) {
        this.registry = registry;
        this.database = database;
        this.federationRuns = Counter.builder(MeterNames.FEDERATION_RUNS).description("Statements planned and run by the Calcite federation")
                .tag("database", database).register(registry);
    }

    public String database() {
        return database;
    }

    /** Counts one finished client statement and records its duration. */
    public void statement(Enum<?> kind, RouteKind route, Outcome outcome, long nanos) {
        int index = (kind.ordinal() * ROUTES + route.ordinal()) * OUTCOMES + outcome.ordinal();
        AtomicReferenceArray<Counter> table = statements;
        if (index >= table.length()) table = grow(index);
        Counter c = table.get(index);
        if (c == null) {
            c = Counter.builder(MeterNames.STATEMENTS).description("Client statements by logical database, kind, route and outcome")
                    .tag("database", database).tag("kind", kind.name().toLowerCase(java.util.Locale.ROOT))
                    .tag("route", route.label()).tag("outcome", outcome.label()).register(registry);
            table.set(index, c); // a racing thread registers the same meter: Micrometer returns the existing one
        }
        c.increment();
        Timer t = durations.get(route.ordinal());
        if (t == null) {
            t = Timer.builder(MeterNames.STATEMENT_DURATION).description("Client statement latency in the sidecar, first byte in to last byte out")
                    .tag("database", database).tag("route", route.label())
                    .serviceLevelObjectives(Buckets.LATENCY).register(registry);
            durations.set(route.ordinal(), t);
        }
        t.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        if (route == RouteKind.FEDERATED) federationRuns.increment();
    }

    /** Registered on the first report, so a planner that never reports shows no always-zero series. */
    public void planCache(boolean hit) {
        Counter c = hit ? planCacheHits : planCacheMisses;
        if (c == null) {
            // registered once per result (a planner looks up on every statement: no builder per call)
            c = Counter.builder(MeterNames.PLAN_CACHE).description("Sharding planner cache lookups")
                    .tag("database", database).tag("result", hit ? "hit" : "miss").register(registry);
            if (hit) planCacheHits = c;
            else planCacheMisses = c;
        }
        c.increment();
    }

    private volatile Counter planCacheHits;
    private volatile Counter planCacheMisses;

    private synchronized AtomicReferenceArray<Counter> grow(int index) {
        AtomicReferenceArray<Counter> old = statements;
        if (index < old.length()) return old;
        AtomicReferenceArray<Counter> bigger = new AtomicReferenceArray<>(Math.max(index + 1, old.length() * 2));
        for (int i = 0; i < old.length(); i++) bigger.set(i, old.get(i));
        statements = bigger;
        return bigger;
    }
}
