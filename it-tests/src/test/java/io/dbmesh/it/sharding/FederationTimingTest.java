package io.dbmesh.it.sharding;

import io.dbmesh.it.MariaDbInstance;
import io.dbmesh.it.MariaDbServers;
import io.dbmesh.it.SidecarFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A measuring harness, not a check: times the first and the repeated executions of federated
 * statements of the shipped orders example through the sidecar (text protocol, and server-side
 * prepared statements run with changing parameters), without and with the plan cache. Run it by hand:
 * {@code mvn -o -pl it-tests test -Dtest=FederationTimingTest -Ddbmesh.timing=true}.
 */
@EnabledIfSystemProperty(named = "dbmesh.timing", matches = "true")
class FederationTimingTest {
    static final String DS0 = "fed_timing_ds0_" + ProcessHandle.current().pid(), DS1 = "fed_timing_ds1_" + ProcessHandle.current().pid();
    static final List<String> TEXT = List.of(
            "SELECT o.order_id, i.sku FROM t_order o JOIN t_order_item i ON o.order_id = i.order_id WHERE o.user_id = 3 ORDER BY 1, 2",
            "SELECT name FROM t_user WHERE user_id IN (SELECT user_id FROM t_order WHERE amount > 5) ORDER BY name",
            "SELECT user_id FROM t_user UNION SELECT user_id FROM t_order_item ORDER BY 1",
            "SELECT u.name, COUNT(*) FROM t_user u JOIN t_order o ON u.region_id = o.user_id GROUP BY u.name ORDER BY 1");
    static final String PREPARED =
            "SELECT o.order_id, i.sku FROM t_order o JOIN t_order_item i ON o.order_id = i.order_id WHERE o.user_id = ? ORDER BY 1, 2";

    @Test
    void timeFirstAndRepeatedExecutions() throws Exception {
        // Without the plan cache first (every execution plans again), then with the shipped default.
        for (String cache : List.of("0", "default")) {
            System.out.println("TIMING federation.plan_cache_size = " + cache);
            time(cache);
        }
    }

    private void time(String planCacheSize) throws Exception {
        MariaDbInstance mariadb = MariaDbServers.shared();
        mariadb.execute("DROP DATABASE IF EXISTS " + DS0, "DROP DATABASE IF EXISTS " + DS1);
        String yaml = Files.readString(Path.of("..", "conf", "examples", "orders.yaml"));
        if (!planCacheSize.equals("default")) {
            yaml = yaml.replace("    sharding:\n", "    sharding:\n      federation: {plan_cache_size: " + planCacheSize + "}\n");
        }
        try (SidecarFixture sidecar = SidecarFixture.fromYaml(yaml, Map.of(
                "DS0_URL", mariadb.jdbcUrl(DS0), "DS0_USER", mariadb.user(), "DS0_PASSWORD", mariadb.password(),
                "DS1_URL", mariadb.jdbcUrl(DS1), "DS1_USER", mariadb.user(), "DS1_PASSWORD", mariadb.password()))) {
            try (Connection c = sidecar.connect("orders"); Statement s = c.createStatement()) {
                s.execute("INSERT INTO t_user (user_id, name, region_id) VALUES (1, 'ada', 1), (2, 'bob', 2), (3, 'cy', 1), (4, 'di', 2)");
                s.execute("INSERT INTO t_order (order_id, user_id, status, amount) VALUES (101, 1, 'paid', 10), (102, 2, 'new', 2.5),"
                        + " (103, 3, 'paid', 7.25), (104, 4, 'void', 1)");
                s.execute("INSERT INTO t_order_item (item_id, order_id, user_id, sku, qty, price) VALUES (1, 101, 1, 'A', 2, 5),"
                        + " (2, 103, 3, 'B', 1, 7.25), (3, 104, 4, 'C', 3, 10)");
                for (String sql : TEXT) {
                    long first = time(() -> drain(s.executeQuery(sql)));
                    long second = time(() -> drain(s.executeQuery(sql)));
                    long[] more = new long[10];
                    for (int i = 0; i < more.length; i++) more[i] = time(() -> drain(s.executeQuery(sql)));
                    System.out.printf("TIMING text first=%d ms second=%d ms median-of-10=%d ms min=%d ms  %s%n", first, second,
                            median(more), Arrays.stream(more).min().orElseThrow(), sql);
                }
            }
            try (Connection c = DriverManager.getConnection(sidecar.mariadbUrl("orders") + "?useServerPrepStmts=true", "root", "");
                 PreparedStatement ps = c.prepareStatement(PREPARED)) {
                long[] runs = new long[12];
                for (int i = 0; i < runs.length; i++) {
                    ps.setLong(1, 1 + i % 4);
                    runs[i] = time(() -> drain(ps.executeQuery()));
                }
                long[] rest = Arrays.copyOfRange(runs, 2, runs.length);
                System.out.printf("TIMING prepared first=%d ms second=%d ms median-of-10=%d ms min=%d ms  %s%n", runs[0], runs[1],
                        median(rest), Arrays.stream(rest).min().orElseThrow(), PREPARED);
            }
        } finally {
            mariadb.execute("DROP DATABASE IF EXISTS " + DS0, "DROP DATABASE IF EXISTS " + DS1);
        }
    }

    interface Run {
        void run() throws SQLException;
    }

    static long time(Run r) throws SQLException {
        long t = System.nanoTime();
        r.run();
        return (System.nanoTime() - t) / 1_000_000;
    }

    static long median(long[] values) {
        long[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }

    static void drain(ResultSet rs) throws SQLException {
        try (rs) {
            while (rs.next()) rs.getString(1);
        }
    }
}
