package io.dbmesh.it.compat;

import io.dbmesh.it.MariaDbInstance;
import io.dbmesh.it.MariaDbServers;
import io.dbmesh.it.OrdersExample;
import io.dbmesh.it.SidecarFixture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The three {@link Target}s every compatibility test compares, started once per test JVM (two
 * sidecars for all client tests instead of two per class) and stopped when it exits. Database names
 * carry the pid: other builds on this machine may run the same suite against the same server.
 */
public final class CompatTargets {
    private static final long PID = ProcessHandle.current().pid();
    static final String DIRECT_DB = "compat_direct_" + PID;
    static final String PASSTHROUGH_PHYSICAL = "compat_pt_" + PID;
    static final String PASSTHROUGH_LOGICAL = "shop";
    static final String DS0 = "compat_ds0_" + PID, DS1 = "compat_ds1_" + PID;
    private static CompatTargets shared;

    private final MariaDbInstance mariadb;
    private final SidecarFixture passthrough;
    private final SidecarFixture sharded;

    private CompatTargets(MariaDbInstance mariadb, SidecarFixture passthrough, SidecarFixture sharded) {
        this.mariadb = mariadb;
        this.passthrough = passthrough;
        this.sharded = sharded;
    }

    public static synchronized CompatTargets shared() {
        if (shared == null) {
            MariaDbInstance db = MariaDbServers.shared();
            List<String> schema = ordersSchema();
            for (String database : List.of(DIRECT_DB, PASSTHROUGH_PHYSICAL)) {
                db.recreateDatabase(database);
                List<String> statements = new ArrayList<>(List.of("USE " + database));
                statements.addAll(schema);
                db.execute(statements.toArray(String[]::new));
            }
            SidecarFixture passthrough = SidecarFixture.passthrough(db, PASSTHROUGH_PHYSICAL, PASSTHROUGH_LOGICAL);
            SidecarFixture sharded = OrdersExample.start(db, DS0, DS1);
            shared = new CompatTargets(db, passthrough, sharded);
            CompatTargets started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> started.stopWithin(5_000), "compat-targets-stop"));
        }
        return shared;
    }

    public MariaDbInstance mariadb() {
        return mariadb;
    }

    public Endpoint endpoint(Target target) {
        return switch (target) {
            case DIRECT -> new Endpoint(target, mariadb.host(), mariadb.port(), mariadb.user(), DIRECT_DB);
            case PASSTHROUGH -> new Endpoint(target, "127.0.0.1", passthrough.port(), "root", PASSTHROUGH_LOGICAL);
            case SHARDED -> new Endpoint(target, "127.0.0.1", sharded.port(), "root", "orders");
        };
    }

    /** The physical databases holding {@code target}'s tables (two for the sharded example). */
    public List<String> physicalDatabases(Target target) {
        return switch (target) {
            case DIRECT -> List.of(DIRECT_DB);
            case PASSTHROUGH -> List.of(PASSTHROUGH_PHYSICAL);
            case SHARDED -> List.of(DS0, DS1);
        };
    }

    /** The CREATE TABLE statements of conf/examples/orders.yaml's {@code schema:} list. */
    static List<String> ordersSchema() {
        try {
            return Files.readAllLines(Path.of("..", "conf", "examples", "orders.yaml")).stream()
                    .map(String::strip)
                    .filter(l -> l.startsWith("- CREATE TABLE"))
                    .map(l -> l.substring(2))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * At JVM exit: a sidecar that waits for a backend or a client going away must not hold the
     * exit (Surefire kills a fork still alive 30 s after its tests ended), so the stop gets a bound.
     */
    private void stopWithin(long millis) {
        Thread stopper = new Thread(this::stop, "compat-targets-stopper");
        stopper.setDaemon(true);
        stopper.start();
        try {
            stopper.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stop() {
        passthrough.close();
        sharded.close();
        try {
            mariadb.execute("DROP DATABASE IF EXISTS " + DIRECT_DB, "DROP DATABASE IF EXISTS " + PASSTHROUGH_PHYSICAL,
                    "DROP DATABASE IF EXISTS " + DS0, "DROP DATABASE IF EXISTS " + DS1);
        } catch (RuntimeException e) {
            // the JVM is exiting; a leftover database is harmless (names carry the pid)
        }
    }
}
