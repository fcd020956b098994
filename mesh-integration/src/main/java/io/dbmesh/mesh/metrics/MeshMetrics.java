package io.dbmesh.mesh.metrics;

import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.dbmesh.mesh.telemetry.RefusalReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sidecar's Prometheus registry and its process-wide meters. Label values come from the
 * config (databases, data sources, members) or enums; {@link #MAX_NAMES} caps the distinct
 * databases/data sources anyway, so a misbehaving caller cannot grow the registry without bound.
 */
public final class MeshMetrics implements AutoCloseable {
    static final int MAX_NAMES = 1000;
    static final String OVERFLOW = "_other";

    private final CoarseClock clock = new CoarseClock();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT,
            new io.prometheus.metrics.model.registry.PrometheusRegistry(), clock);
    private final Map<String, DatabaseMeters> databases = new ConcurrentHashMap<>();
    private final Map<String, BackendMeters> backends = new ConcurrentHashMap<>();
    private final Map<String, BackendHealth> health = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final Counter opened;
    private final Map<RefusalReason, Counter> refused = new EnumMap<>(RefusalReason.class);
    private final Counter loginsOk;
    private final Counter loginsFailed;
    private final Counter received;
    private final Counter sent;
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public MeshMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        Gauge.builder(MeterNames.SESSIONS_OPEN, open, AtomicInteger::get).description("Client sessions open now").register(registry);
        opened = Counter.builder(MeterNames.SESSIONS_OPENED).description("Client sessions opened since start").register(registry);
        for (RefusalReason r : RefusalReason.values()) {
            refused.put(r, Counter.builder(MeterNames.SESSIONS_REFUSED).description("Client connections refused before a session opened")
                    .tag("reason", r.label()).register(registry));
        }
        loginsOk = Counter.builder(MeterNames.LOGINS).description("Authentication attempts").tag("result", "ok").register(registry);
        loginsFailed = Counter.builder(MeterNames.LOGINS).description("Authentication attempts").tag("result", "failed").register(registry);
        received = Counter.builder(MeterNames.CLIENT_RECEIVED).baseUnit("bytes").description("Bytes received from clients").register(registry);
        sent = Counter.builder(MeterNames.CLIENT_SENT).baseUnit("bytes").description("Bytes sent to clients").register(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The meters of a logical database (null: none selected → "none"); resolve once and keep. */
    public DatabaseMeters database(String name) {
        String key = name == null ? "none" : name;
        DatabaseMeters m = databases.get(key);
        if (m != null) return m;
        if (databases.size() >= MAX_NAMES) key = OVERFLOW;
        return databases.computeIfAbsent(key, k -> new DatabaseMeters(registry, k));
    }

    public BackendMeters backend(String dataSource) {
        BackendMeters m = backends.get(dataSource);
        if (m != null) return m;
        String key = backends.size() >= MAX_NAMES ? OVERFLOW : dataSource;
        return backends.computeIfAbsent(key, k -> new BackendMeters(registry, k));
    }

    public void sessionOpened() {
        open.incrementAndGet();
        opened.increment();
    }

    public void sessionClosed() {
        open.decrementAndGet();
    }

    public void refused(RefusalReason reason) {
        refused.get(reason).increment();
    }

    public void login(boolean succeeded) {
        (succeeded ? loginsOk : loginsFailed).increment();
    }

    public void clientBytes(long in, long out) {
        if (in > 0) received.increment(in);
        if (out > 0) sent.increment(out);
    }

    /** HikariCP's own Micrometer tracker: hikaricp_connections_active/idle/pending, acquire time, … by pool. */
    public MetricsTrackerFactory poolMetrics() {
        return new MicrometerMetricsTrackerFactory(registry);
    }

    /** Held here: a FunctionCounter keeps only a weak reference to what it reads (a lambda would be collected). */
    private final Map<String, java.util.function.LongSupplier> roundTrips = new ConcurrentHashMap<>();

    /** The round trips of a data source's backend connections, read from {@code count} at each scrape. */
    public void roundTrips(String dataSource, java.util.function.LongSupplier count) {
        if (roundTrips.size() >= MAX_NAMES || roundTrips.putIfAbsent(dataSource, count) != null) return;
        FunctionCounter.builder(MeterNames.BACKEND_ROUND_TRIPS, count, c -> (double) c.getAsLong())
                .description("Backend round trips: a backend connection waiting for an answer after sending one or more commands")
                .tag("data_source", dataSource).register(registry);
    }

    public void probed(String dataSource, String member, boolean up, double lagSeconds, long nanos) {
        String key = dataSource + '\0' + member;
        BackendHealth h = health.get(key);
        if (h == null) {
            h = health.size() >= MAX_NAMES ? null : health.computeIfAbsent(key, k -> new BackendHealth(registry, dataSource, member));
            if (h == null) return;
        }
        h.up.set(up ? 1 : 0);
        h.lagMillis.set(lagSeconds < 0 ? -1000 : Math.round(lagSeconds * 1000));
        h.probe.record(nanos, TimeUnit.NANOSECONDS);
    }

    private final Map<String, Counter> transactions = new ConcurrentHashMap<>();
    private final Map<String, Timer> transactionDurations = new ConcurrentHashMap<>();

    /** Labels come from the coordinator's enums and outcome words (bounded); capped anyway. */
    public void transactionEnded(String mode, String outcome, long nanos) {
        String key = mode + '\0' + outcome;
        Counter c = transactions.get(key);
        if (c == null) {
            if (transactions.size() >= 64) return;
            c = transactions.computeIfAbsent(key, k -> Counter.builder(MeterNames.TRANSACTIONS)
                    .description("Transactions ended, by mode and outcome").tag("mode", mode).tag("outcome", outcome).register(registry));
        }
        c.increment();
        if (nanos >= 0) {
            transactionDurations.computeIfAbsent(mode, k -> Timer.builder(MeterNames.TRANSACTION_DURATION)
                    .description("Commit duration (commit path start to end)").tag("mode", mode).serviceLevelObjectives(Buckets.LATENCY)
                    .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    private final AtomicInteger inDoubt = new AtomicInteger();
    private volatile boolean inDoubtRegistered;

    public void transactionRecovered(boolean committed) {
        Counter.builder(MeterNames.TRANSACTIONS_RECOVERED).description("Prepared branches resolved by recovery")
                .tag("outcome", committed ? "commit" : "rollback").register(registry).increment();
    }

    public void transactionsInDoubt(int branches) {
        if (!inDoubtRegistered) {
            Gauge.builder(MeterNames.TRANSACTIONS_IN_DOUBT, inDoubt, AtomicInteger::get)
                    .description("Prepared branches in doubt at the last recovery pass").register(registry);
            inDoubtRegistered = true;
        }
        inDoubt.set(branches);
    }

    /** Prometheus text (0.0.4), or OpenMetrics when the Accept header asks for it. */
    public Scrape scrape(String accept) {
        String type = accept != null && accept.contains("application/openmetrics-text")
                ? "application/openmetrics-text; version=1.0.0; charset=utf-8"
                : "text/plain; version=0.0.4; charset=utf-8";
        return new Scrape(type, registry.scrape(type));
    }

    public record Scrape(String contentType, String body) {
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
        clock.close();
    }

    /** Health gauges of one backend server, fed by probes. */
    private static final class BackendHealth {
        final AtomicInteger up = new AtomicInteger();
        final AtomicLong lagMillis = new AtomicLong(-1000);
        final Timer probe;

        BackendHealth(MeterRegistry registry, String dataSource, String member) {
            Gauge.builder(MeterNames.BACKEND_UP, up, AtomicInteger::get).description("1 when the backend answered its last health probe")
                    .tag("data_source", dataSource).tag("member", member).register(registry);
            Gauge.builder(MeterNames.BACKEND_LAG, lagMillis, a -> a.get() / 1000.0).baseUnit("seconds")
                    .description("Replication lag of a replica at its last probe (-1: unknown or a primary)")
                    .tag("data_source", dataSource).tag("member", member).register(registry);
            probe = Timer.builder(MeterNames.BACKEND_PROBE_DURATION).description("Health probe duration")
                    .tag("data_source", dataSource).tag("member", member).register(registry);
        }
    }
}
