package io.dbmesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The default config a user starts with (conf/dbmesh.yaml), pointed at the test backend via DS0_URL. */
class ShippedConfigEndToEndTest {

    @Test
    void defaultConfigServesDemoOverTls() throws Exception {
        MariaDbInstance db = MariaDbServers.shared();
        db.execute("DROP DATABASE IF EXISTS it_shipped"); // the sidecar must create it
        Map<String, String> env = Map.of("DS0_URL", db.jdbcUrl("it_shipped"), "DS0_USER", db.user(), "DS0_PASSWORD", db.password());
        try (SidecarFixture sidecar = SidecarFixture.fromFile(Path.of("..", "conf", "dbmesh.yaml"), env)) {
            assertThat(sidecar.sidecar().config().tls().enabled()).isTrue();
            try (Connection c = DriverManager.getConnection(sidecar.mariadbUrl("demo") + "?sslMode=trust", "root", "");
                 ResultSet rs = c.createStatement().executeQuery("SELECT DATABASE()")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("demo");
                c.createStatement().execute("CREATE TABLE hello (id INT)");
            }
            try (Connection direct = db.connect("it_shipped");
                 ResultSet rs = direct.createStatement().executeQuery("SHOW TABLES")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("hello");
            }
        } finally {
            db.execute("DROP DATABASE IF EXISTS it_shipped");
        }
    }
}
