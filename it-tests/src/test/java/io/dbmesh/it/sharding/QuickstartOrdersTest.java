package io.dbmesh.it.sharding;

import io.dbmesh.proxy.quickstart.MariaDbBinaries;
import io.dbmesh.proxy.quickstart.Quickstart;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code dbmesh quickstart orders}: the sharded example on an embedded MariaDB, seeded through the sidecar. */
class QuickstartOrdersTest {

    @Test
    void ordersRunsShardedOnAnEmbeddedBackend() throws Exception {
        assumeTrue(MariaDbBinaries.find().isPresent(), "mariadbd is not installed");
        try (Quickstart quickstart = Quickstart.start("orders", 0)) {
            String url = quickstart.sidecar().jdbcUrl("orders");
            try (Connection c = DriverManager.getConnection(url, "root", "")) {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT status, COUNT(*) FROM t_order GROUP BY status ORDER BY status")) {
                    List<String> rows = new ArrayList<>();
                    while (rs.next()) rows.add(rs.getString(1) + "=" + rs.getString(2));
                    assertThat(rows).containsExactly("cancelled=1", "new=1", "paid=3", "shipped=1");
                }
                try (ResultSet rs = c.createStatement().executeQuery("SELECT u.name FROM t_user u JOIN t_order o ON o.user_id = u.user_id"
                        + " WHERE o.status = 'new'")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("Grace Hopper");
                }
            }
            // the rows really are spread over the two physical databases of the embedded server
            int port = quickstart.backendPort();
            try (Connection ds0 = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/orders_ds0", "root", "");
                 Connection ds1 = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/orders_ds1", "root", "")) {
                assertThat(count(ds0, "t_user_0") + count(ds0, "t_user_1")).isEqualTo(2); // users 2 and 4
                assertThat(count(ds1, "t_user_0") + count(ds1, "t_user_1")).isEqualTo(2); // users 1 and 3
                assertThat(count(ds0, "t_region")).isEqualTo(3);
                assertThat(count(ds1, "t_region")).isEqualTo(3);
            }
        }
    }

    private static int count(Connection c, String table) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
