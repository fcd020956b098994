package io.dbmesh.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dbmesh.proxy.quickstart.MariaDbBinaries;
import io.dbmesh.proxy.quickstart.Quickstart;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** {@code dbmesh quickstart}: embedded MariaDB + sidecar + demo data, and everything gone after close. */
class QuickstartTest {

    @Test
    void demoRunsOnAnEmbeddedBackendAndStopsEverything() throws Exception {
        assumeTrue(MariaDbBinaries.find().isPresent(), "mariadbd is not installed");
        int backendPort;
        String url;
        try (Quickstart quickstart = Quickstart.start("demo", 0)) {
            backendPort = quickstart.backendPort();
            url = quickstart.sidecar().jdbcUrl("demo");
            assertThat(quickstart.sidecar().port()).isNotEqualTo(3307);
            try (Connection c = DriverManager.getConnection(url, "root", "");
                 ResultSet rs = c.createStatement().executeQuery(
                         "SELECT c.name, SUM(o.amount) FROM customers c JOIN orders o ON o.customer_id = c.id"
                                 + " GROUP BY c.name ORDER BY c.name")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("Ada Lovelace");
                assertThat(rs.getBigDecimal(2)).isEqualByComparingTo("24.99");
            }
            // the data really lives on the embedded server, in the physical database `demo`
            try (Connection direct = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + backendPort + "/demo", "root", "");
                 ResultSet rs = direct.createStatement().executeQuery("SELECT COUNT(*) FROM customers")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(3);
            }
        }
        assertThat(refuses("jdbc:mariadb://127.0.0.1:" + backendPort + "/?connectTimeout=1000")).as("backend stopped").isTrue();
        assertThat(refuses(url + "?connectTimeout=1000")).as("sidecar stopped").isTrue();
    }

    private static boolean refuses(String url) {
        try (Connection c = DriverManager.getConnection(url, "root", "")) {
            return false;
        } catch (SQLException e) {
            return true;
        }
    }
}
