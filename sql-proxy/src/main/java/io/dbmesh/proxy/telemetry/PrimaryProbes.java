package io.dbmesh.proxy.telemetry;

import io.dbmesh.mesh.telemetry.Telemetry;
import io.dbmesh.proxy.config.DataSourceConfig;
import io.dbmesh.proxy.config.DbmeshConfig;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Checks every data source's primary on a connection of its own (never one of the serving pools,
 * so an exhausted pool does not look like a dead server), for {@code /ready} and the
 * {@code dbmesh_backend_up} gauge. One virtual thread probes all of them every interval; a probe
 * is {@code SELECT 1} with connect and socket timeouts, the connection kept between probes and
 * reopened after a failure. A primary is ready when it answered its last probe.
 */
public final class PrimaryProbes implements AutoCloseable {
    private final List<Probe> probes = new ArrayList<>();
    private final Telemetry telemetry;
    private final Duration interval;
    private final Thread thread;
    private volatile boolean closed;

    private PrimaryProbes(DbmeshConfig config, Telemetry telemetry, Duration interval, Duration timeout) {
        this.telemetry = telemetry;
        this.interval = interval;
        config.dataSources().values().forEach(ds -> probes.add(new Probe(ds, timeout)));
        this.thread = Thread.ofVirtual().name("dbmesh-primary-probes").unstarted(this::loop);
    }

    /** Starts probing; the first round runs at once (until it ends, every primary counts as not yet checked). */
    public static PrimaryProbes start(DbmeshConfig config, Telemetry telemetry, Duration interval, Duration timeout) {
        PrimaryProbes p = new PrimaryProbes(config, telemetry, interval, timeout);
        p.thread.start();
        return p;
    }

    /** One reason per primary that did not answer its last probe (or was not probed yet). */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        for (Probe p : probes) {
            Status s = p.status;
            if (s == null) out.add("data source '" + p.dataSource.name() + "': primary not checked yet");
            else if (!s.up()) out.add("data source '" + p.dataSource.name() + "': primary down since " + s.since() + ": " + s.error());
        }
        return out;
    }

    /** The last status per data source (null: not probed yet), for tests and SHOW statements. */
    public Map<String, Status> statuses() {
        Map<String, Status> out = new LinkedHashMap<>();
        probes.forEach(p -> out.put(p.dataSource.name(), p.status));
        return out;
    }

    private void loop() {
        while (!closed) {
            for (Probe p : probes) {
                if (closed) return;
                long t0 = System.nanoTime();
                p.run();
                telemetry.backendProbed(p.dataSource.name(), p.dataSource.name(), p.status.up(), -1, System.nanoTime() - t0);
            }
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        probes.forEach(Probe::close);
    }

    /** @param since when the primary entered this state; {@code error} null when up */
    public record Status(boolean up, Instant since, String error) {
    }

    private static final class Probe {
        final DataSourceConfig dataSource;
        final Duration timeout;
        Connection connection;
        volatile Status status;

        Probe(DataSourceConfig dataSource, Duration timeout) {
            this.dataSource = dataSource;
            this.timeout = timeout;
        }

        void run() {
            try {
                if (connection == null) connection = connect();
                try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
                    rs.next();
                }
                record(true, null);
            } catch (SQLException | RuntimeException e) {
                close();
                String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                record(false, message.length() > 200 ? message.substring(0, 200) + "…" : message);
            }
        }

        private void record(boolean up, String error) {
            Status old = status;
            Instant since = old != null && old.up() == up ? old.since() : Instant.now();
            status = new Status(up, since, error);
        }

        private Connection connect() throws SQLException {
            Properties props = new Properties();
            props.setProperty("user", dataSource.user());
            props.setProperty("password", dataSource.password() == null ? "" : dataSource.password());
            String millis = Long.toString(Math.max(1, timeout.toMillis()));
            props.setProperty("connectTimeout", millis);
            props.setProperty("socketTimeout", millis);
            String url = dataSource.url();
            if (url.startsWith("jdbc:mysql:")) url = "jdbc:mariadb:" + url.substring("jdbc:mysql:".length());
            return DriverManager.getConnection(url, props);
        }

        void close() {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // already broken
                }
                connection = null;
            }
        }
    }
}
