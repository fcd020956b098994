package io.dbmesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class MariaDbServersTest {

    @Test
    void sharedBackendAnswers() throws Exception {
        MariaDbInstance db = MariaDbServers.shared();
        db.recreateDatabase("it_harness");
        db.execute("CREATE TABLE it_harness.t (id INT PRIMARY KEY)", "INSERT INTO it_harness.t VALUES (1), (2)");
        try (Connection c = db.connect("it_harness");
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM t")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(2);
        }
        db.execute("DROP DATABASE it_harness");
    }

    @Test
    void extraInstanceTakesServerOptionsAndStops() throws Exception {
        MariaDbInstance instance;
        try (MariaDbServers.Started started = MariaDbServers.startInstance("it-extra", List.of("--server-id=77",
                "--auto-increment-increment=5"))) {
            instance = started.instance();
            assertThat(instance.port()).isNotEqualTo(3306);
            try (Connection c = instance.connect("");
                 ResultSet rs = c.createStatement().executeQuery("SELECT @@server_id, @@auto_increment_increment, @@log_bin")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(77);
                assertThat(rs.getInt(2)).isEqualTo(5);
                assertThat(rs.getInt(3)).isEqualTo(1);
            }
        }
        assertThat(instance.reachable()).isFalse();
    }
}
