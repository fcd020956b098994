package io.dbmesh.it.sharding;

import io.dbmesh.it.MariaDbInstance;
import io.dbmesh.it.MariaDbServers;
import io.dbmesh.it.SidecarFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A federated statement must never wait for connections of its own data source's pool (issue 10):
 * with one connection per data source, a join of two tables that each live in two physical tables
 * on every data source (four scans per data source) still answers, quickly, instead of waiting for
 * the pool's connection_timeout and failing.
 */
class FederationSmallPoolTest {
    static final String DS0 = "engine_pool_ds0_" + ProcessHandle.current().pid();
    static final String DS1 = "engine_pool_ds1_" + ProcessHandle.current().pid();
    static MariaDbInstance mariadb;
    static SidecarFixture sidecar;

    @BeforeAll
    static void start() throws Exception {
        mariadb = MariaDbServers.shared();
        mariadb.execute("DROP DATABASE IF EXISTS " + DS0, "DROP DATABASE IF EXISTS " + DS1);
        String yaml = Files.readString(Path.of("..", "conf", "examples", "orders.yaml"));
        for (String ds : List.of("DS0", "DS1")) {
            String password = "    password: \"${" + ds + "_PASSWORD:}\"\n";
            assertThat(yaml).contains(password);
            yaml = yaml.replace(password, password + "    pool: {max_size: 1, min_idle: 0, connection_timeout: 2s}\n");
        }
        sidecar = SidecarFixture.fromYaml(yaml, Map.of(
                "DS0_URL", mariadb.jdbcUrl(DS0), "DS0_USER", mariadb.user(), "DS0_PASSWORD", mariadb.password(),
                "DS1_URL", mariadb.jdbcUrl(DS1), "DS1_USER", mariadb.user(), "DS1_PASSWORD", mariadb.password(),
                "DBMESH_ADMIN_PORT", "0"));
        try (Connection c = sidecar.connect("orders"); Statement s = c.createStatement()) {
            StringBuilder orders = new StringBuilder(), items = new StringBuilder();
            for (int i = 1; i <= 40; i++) {
                orders.append(i > 1 ? "," : "").append("(").append(i).append(", ").append(i % 9).append(", 'PAID', ").append(i).append(".50, NULL)");
                items.append(i > 1 ? "," : "").append("(").append(100 + i).append(", ").append(41 - i).append(", ").append(i % 7)
                        .append(", 'SKU-").append(i % 5).append("', 1, 2.00)");
            }
            s.execute("INSERT INTO t_order (order_id, user_id, status, amount, created_at) VALUES " + orders);
            s.execute("INSERT INTO t_order_item (item_id, order_id, user_id, sku, qty, price) VALUES " + items);
        }
    }

    @AfterAll
    static void stop() {
        if (sidecar != null) sidecar.close();
        mariadb.execute("DROP DATABASE IF EXISTS " + DS0, "DROP DATABASE IF EXISTS " + DS1);
    }

    @Test
    void aJoinNeedingManyScansOfOneDataSourceRunsOnOneConnectionEach() throws SQLException {
        List<String> rows = new ArrayList<>();
        long start = System.nanoTime();
        try (Connection c = sidecar.connect("orders"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT o.order_id, i.item_id FROM t_order o JOIN t_order_item i"
                     + " ON o.order_id = i.order_id ORDER BY i.item_id")) {
            while (rs.next()) rows.add(rs.getLong(1) + ":" + rs.getLong(2));
        }
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 40; i++) expected.add((41 - i) + ":" + (100 + i));
        assertThat(rows).isEqualTo(expected);
        // a statement waiting for its own pool would have failed after connection_timeout (2 s)
        assertThat((System.nanoTime() - start) / 1_000_000).as("ms").isLessThan(60_000);
    }

    @Test
    void aSelfJoinWithASubqueryRunsToo() throws SQLException {
        try (Connection c = sidecar.connect("orders"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t_order o JOIN t_order_item i ON o.order_id = i.order_id"
                     + " JOIN t_order o2 ON o2.order_id = i.item_id - 100 WHERE o.user_id IN (SELECT user_id FROM t_order_item)")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isPositive();
        }
    }
}
