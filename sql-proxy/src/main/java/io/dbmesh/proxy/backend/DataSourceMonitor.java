package io.dbmesh.proxy.backend;

import io.dbmesh.proxy.config.DataSourceConfig;
import io.dbmesh.proxy.config.HealthCheckConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The {@link DataSourceHealth} of the plain data sources: each one probed on its own small
 * connection (never one of the pool: an exhausted pool must not look like a dead server) on its own
 * virtual thread, {@code SELECT 1} every interval with connect and socket timeouts of the health
 * check's timeout. Down after {@code failure_threshold} failed probes in a row, or at once when the
 * serving path could not get a connection ({@link #connectionFailed}); up again after
 * {@code recovery_threshold} good probes, so a restarted server serves within about one interval.
 */
public final class DataSourceMonitor implements DataSourceHealth, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DataSourceMonitor.class);
    /** ER_CONNECT_TO_FOREIGN_DATA_SOURCE, as replica groups answer for a primary that is down. */
    public static final int ER_BACKEND_UNAVAILABLE = 1429;

    private final HealthCheckConfig check;
    private final Map<String, Target> targets = new LinkedHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private static final class Target {
        final DataSourceConfig dataSource;
        final AtomicReference<Status> status = new AtomicReference<>(Status.UNKNOWN);
        Connection connection;
        int failures;
        int successes;
        volatile Thread thread;

        Target(DataSourceConfig dataSource) {
            this.dataSource = dataSource;
        }
    }

    public DataSourceMonitor(Iterable<DataSourceConfig> dataSources, HealthCheckConfig check) {
        this.check = check;
        for (DataSourceConfig ds : dataSources) targets.put(ds.name(), new Target(ds));
    }

    /** Starts probing (one virtual thread per data source); returns at once. */
    public DataSourceMonitor start() {
        for (Target t : targets.values()) {
            Thread thread = Thread.ofVirtual().name("health-" + t.dataSource.name()).start(() -> loop(t));
            t.thread = thread;
            threads.add(thread);
        }
        return this;
    }

    @Override
    public boolean isUp(String dataSource) {
        Target t = targets.get(dataSource);
        return t == null || t.status.get().up();
    }

    @Override
    public Map<String, Status> statuses() {
        Map<String, Status> out = new LinkedHashMap<>();
        targets.forEach((name, t) -> out.put(name, t.status.get()));
        return out;
    }

    @Override
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** Throws the fail-fast error when {@code dataSource} is known down. */
    public void checkUp(String dataSource) throws SQLException {
        Target t = targets.get(dataSource);
        if (t == null) return;
        Status s = t.status.get();
        if (s.up()) return;
        throw new SQLException("Unable to connect to foreign data source: data source '" + dataSource + "' is down since "
                + DateTimeFormatter.ISO_INSTANT.format(s.since()) + " (" + s.lastError()
                + "); dbmesh uses it again as soon as it answers a health check", "HY000", ER_BACKEND_UNAVAILABLE);
    }

    /**
     * The serving path could not get a connection of {@code dataSource} (the pool timed out opening
     * one): down now, so the next statements fail at once; the probe readmits it. Unknown names
     * (replicas, replica group primaries) are ignored.
     */
    public void connectionFailed(String dataSource, String error) {
        Target t = targets.get(dataSource);
        if (t == null) return;
        synchronized (t) {
            t.successes = 0;
        }
        change(t, new Status(false, Instant.now(), error));
        Thread thread = t.thread;
        if (thread != null) LockSupport.unpark(thread); // probe now: it may already be back
    }

    private void loop(Target t) {
        long interval = check.interval().toNanos();
        while (!closed) {
            probe(t);
            LockSupport.parkNanos(interval);
        }
        closeConnection(t);
    }

    private void probe(Target t) {
        String error = null;
        try {
            Connection c = t.connection;
            if (c == null) c = t.connection = open(t.dataSource);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT 1");
            }
        } catch (SQLException | RuntimeException e) {
            closeConnection(t);
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            error = message.length() > 300 ? message.substring(0, 300) + "…" : message;
        }
        if (closed) return;
        Status now = t.status.get();
        boolean becomeUp = false;
        boolean becomeDown = false;
        synchronized (t) {
            if (error == null) {
                t.failures = 0;
                t.successes++;
                becomeUp = !now.up() && t.successes >= check.recoveryThreshold();
            } else {
                t.successes = 0;
                t.failures++;
                becomeDown = now.up() && t.failures >= check.failureThreshold();
            }
        }
        if (becomeUp || (error == null && now == Status.UNKNOWN)) change(t, new Status(true, Instant.now(), null));
        else if (becomeDown) change(t, new Status(false, Instant.now(), error));
    }

    private void change(Target t, Status to) {
        Status from = t.status.getAndSet(to);
        if (from.up() == to.up() && from != Status.UNKNOWN) return;
        if (from == Status.UNKNOWN && to.up()) return; // first good probe: nothing to report
        String name = t.dataSource.name();
        if (to.up()) log.info("data source '{}' is up again (down since {})", name, from.since());
        else log.warn("data source '{}' is down: {}; statements to it fail at once until it answers again", name, to.lastError());
        for (Listener l : listeners) {
            try {
                l.changed(name, from, to);
            } catch (RuntimeException e) {
                log.warn("data source health listener failed: {}", e.toString());
            }
        }
    }

    private Connection open(DataSourceConfig ds) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", ds.user());
        props.setProperty("password", ds.password() == null ? "" : ds.password());
        String millis = Long.toString(Math.max(1, check.timeout().toMillis()));
        props.setProperty("connectTimeout", millis);
        props.setProperty("socketTimeout", millis);
        String url = ds.url();
        // Connector/J serves jdbc:mysql:// servers too, like the serving pools (JdbcUrls.forProxy)
        if (url.startsWith("jdbc:mysql:")) url = "jdbc:mariadb:" + url.substring("jdbc:mysql:".length());
        return DriverManager.getConnection(url, props);
    }

    private static void closeConnection(Target t) {
        Connection c = t.connection;
        t.connection = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // broken: nothing to release
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread t : threads) t.interrupt();
        for (Thread t : threads) {
            try {
                t.join(Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Target t : targets.values()) closeConnection(t);
    }
}
