package io.dbmesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The first thing a user does: connect with their driver and run ordinary statements. Both
 * Connector/J flavours, with client-side (text protocol) and server-side (binary protocol)
 * prepared statements, through the sidecar to real MariaDB.
 */
class ConnectorJSmokeTest {
    private static final String PHYSICAL = "it_smoke";
    private static SidecarFixture sidecar;

    @RegisterExtension
    final BackendPools pools = BackendPools.after(() -> sidecar); // errors included: nothing leaks a connection

    @BeforeAll
    static void start() {
        MariaDbInstance db = MariaDbServers.shared();
        db.recreateDatabase(PHYSICAL);
        sidecar = SidecarFixture.passthrough(db, PHYSICAL, "shop");
    }

    @AfterAll
    static void stop() {
        if (sidecar != null) {
            sidecar.close();
        }
        MariaDbServers.shared().execute("DROP DATABASE IF EXISTS " + PHYSICAL);
    }

    static List<Arguments> clients() {
        List<Arguments> out = new ArrayList<>();
        for (String driver : List.of("mariadb", "mysql")) {
            for (boolean serverPrep : List.of(false, true)) {
                out.add(Arguments.of(driver, serverPrep));
            }
        }
        return out;
    }

    private Connection connect(String driver, boolean serverPrep) throws Exception {
        String base = driver.equals("mariadb") ? sidecar.mariadbUrl("shop") : sidecar.mysqlUrl("shop");
        String options = driver.equals("mariadb")
                ? "?useServerPrepStmts=" + serverPrep
                : "?useServerPrepStmts=" + serverPrep + "&sslMode=DISABLED&allowPublicKeyRetrieval=true";
        return DriverManager.getConnection(base + options, "root", "");
    }

    @ParameterizedTest(name = "{0} Connector/J, useServerPrepStmts={1}")
    @MethodSource("clients")
    void createInsertSelectUpdateDelete(String driver, boolean serverPrep) throws Exception {
        String table = "items_" + driver + (serverPrep ? "_ps" : "_text");
        try (Connection c = connect(driver, serverPrep); Statement s = c.createStatement()) {
            assertThat(c.getCatalog()).isEqualTo("shop");
            s.execute("DROP TABLE IF EXISTS " + table);
            s.execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY AUTO_INCREMENT, name VARCHAR(32) NOT NULL,"
                    + " price DECIMAL(10,2), added DATETIME(3), note TEXT)");
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO " + table + " (name, price, added, note) VALUES (?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, "café ☕");
                insert.setBigDecimal(2, new BigDecimal("12.50"));
                insert.setTimestamp(3, Timestamp.valueOf(LocalDateTime.of(2026, 1, 2, 3, 4, 5, 678_000_000)));
                insert.setNull(4, Types.VARCHAR);
                assertThat(insert.executeUpdate()).isEqualTo(1);
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    assertThat(keys.next()).isTrue();
                    assertThat(keys.getLong(1)).isEqualTo(1);
                }
                insert.setString(1, "tea");
                insert.setBigDecimal(2, new BigDecimal("3.00"));
                insert.setTimestamp(3, null);
                insert.setString(4, "green");
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT id, name, price, added, note FROM " + table + " WHERE price > ? ORDER BY id")) {
                select.setBigDecimal(1, new BigDecimal("1"));
                try (ResultSet rs = select.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong("id")).isEqualTo(1);
                    assertThat(rs.getString("name")).isEqualTo("café ☕");
                    assertThat(rs.getBigDecimal("price")).isEqualByComparingTo("12.50");
                    // MySQL Connector/J reads MariaDB's "5.5.5-" version prefix as MySQL 5.5 and drops
                    // fractional seconds when sending them; it does the same connected to MariaDB directly.
                    int nanos = driver.equals("mysql") ? 0 : 678_000_000;
                    assertThat(rs.getTimestamp("added").toLocalDateTime()).isEqualTo(LocalDateTime.of(2026, 1, 2, 3, 4, 5, nanos));
                    assertThat(rs.getString("note")).isNull();
                    assertThat(rs.wasNull()).isTrue();
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString("name")).isEqualTo("tea");
                    assertThat(rs.getTimestamp("added")).isNull();
                    assertThat(rs.next()).isFalse();
                }
            }
            assertThat(s.executeUpdate("UPDATE " + table + " SET price = price * 2")).isEqualTo(2);
            try (ResultSet rs = s.executeQuery("SELECT SUM(price), COUNT(*) FROM " + table)) {
                rs.next();
                assertThat(rs.getBigDecimal(1)).isEqualByComparingTo("31.00");
                assertThat(rs.getInt(2)).isEqualTo(2);
            }
            assertThat(s.executeUpdate("DELETE FROM " + table + " WHERE name = 'tea'")).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0} Connector/J, useServerPrepStmts={1}")
    @MethodSource("clients")
    void backendErrorsKeepCodeAndSqlState(String driver, boolean serverPrep) throws Exception {
        try (Connection c = connect(driver, serverPrep); Statement s = c.createStatement()) {
            var error = org.assertj.core.api.Assertions.catchThrowableOfType(java.sql.SQLException.class,
                    () -> s.executeQuery("SELECT * FROM no_such_table"));
            assertThat(error.getErrorCode()).isEqualTo(1146);
            assertThat(error.getSQLState()).isEqualTo("42S02");
            assertThat(error.getMessage()).contains("no_such_table");
            // the connection is still usable after an error
            try (ResultSet rs = s.executeQuery("SELECT 1 + 1")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
        }
    }
}
