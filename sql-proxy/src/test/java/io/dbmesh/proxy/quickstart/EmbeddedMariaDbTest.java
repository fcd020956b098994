package io.dbmesh.proxy.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

// needs the MariaDB at 127.0.0.1:3306 (README "Tests": -DexcludedGroups=mariadb runs the others without it)
@Tag("mariadb")
class EmbeddedMariaDbTest {

    @Test
    void startsARealServerThatRootCanUseOverTcpAndCleansUp() throws Exception {
        assumeTrue(MariaDbBinaries.find().isPresent(), "mariadbd is not installed");
        Path dataDir;
        try (EmbeddedMariaDb db = EmbeddedMariaDb.start("test")) {
            db.execute("CREATE DATABASE qs_probe", "CREATE TABLE qs_probe.t (id INT)", "INSERT INTO qs_probe.t VALUES (7)");
            try (Connection c = DriverManager.getConnection(db.jdbcUrl("qs_probe"), "root", "");
                 ResultSet rs = c.createStatement().executeQuery("SELECT id, @@port, @@bind_address FROM t")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(7);
                assertThat(rs.getInt(2)).isEqualTo(db.port()).isNotEqualTo(3306);
                assertThat(rs.getString(3)).isEqualTo("127.0.0.1");
            }
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(""), "root", "");
                 ResultSet rs = c.createStatement().executeQuery("SELECT @@datadir")) {
                rs.next();
                dataDir = Path.of(rs.getString(1));
            }
            assertThat(dataDir).exists();
        }
        assertThat(Files.exists(dataDir)).as("data directory deleted on close").isFalse();
    }
}
