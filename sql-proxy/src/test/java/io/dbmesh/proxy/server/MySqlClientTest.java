package io.dbmesh.proxy.server;

import io.dbmesh.proxy.command.BoundParameter;
import io.dbmesh.proxy.config.TlsConfig;
import io.dbmesh.proxy.testing.ScriptedFactory;
import io.dbmesh.proxy.testing.ScriptedHandler;
import io.dbmesh.proxy.testing.TestConfigs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** MySQL Connector/J against ProxyServer, answering from the scripted handler. */
class MySqlClientTest {
    private final ScriptedFactory factory = new ScriptedFactory();
    private ProxyServer server;
    private int port;

    private void start(TlsConfig tls) throws Exception {
        server = new ProxyServer(TestConfigs.config(tls,
                TestConfigs.user("root", "", "mysql_native_password"),
                TestConfigs.user("app", "s3cret", "mysql_native_password"),
                TestConfigs.user("sha", "sha-pw", "caching_sha2_password")), factory);
        port = server.start();
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    private Connection connect(String user, String password, String options) throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port + "/wire_test?user=" + user
                + "&password=" + password + "&connectTimeout=5000&socketTimeout=20000" + (options.isEmpty() ? "" : "&" + options));
    }

    private static long queryLong(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }

    @Test
    void nativePasswordWithoutTls() throws Exception {
        start(TestConfigs.NO_TLS);
        try (Connection c = connect("app", "s3cret", "sslMode=DISABLED")) {
            assertThat(queryLong(c, "SELECT 1")).isEqualTo(1);
            assertThat(c.isValid(2)).as("COM_PING").isTrue();
        }
        assertThat(factory.last().client.user()).isEqualTo("app");
    }

    @Test
    void wrongPassword() throws Exception {
        start(TestConfigs.NO_TLS);
        assertThatThrownBy(() -> connect("app", "nope", "sslMode=DISABLED")).isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getErrorCode()).isEqualTo(1045);
            assertThat(e.getSQLState()).isEqualTo("28000");
            assertThat(e.getMessage()).contains("Access denied for user 'app'@'127.0.0.1' (using password: YES)");
        });
    }

    @Test
    void cachingSha2FullAuthOverTlsThenFastPathWithoutTls() throws Exception {
        start(TlsConfig.SELF_SIGNED);
        try (Connection c = connect("sha", "sha-pw", "sslMode=REQUIRED")) {
            assertThat(queryLong(c, "SELECT 2")).isEqualTo(2);
        }
        assertThat(factory.last().client.tls()).isTrue();
        // now in the cache: the scramble alone suffices, no TLS and no public key needed
        try (Connection c = connect("sha", "sha-pw", "sslMode=DISABLED")) {
            assertThat(queryLong(c, "SELECT 3")).isEqualTo(3);
        }
        assertThat(factory.last().client.tls()).isFalse();
    }

    @Test
    void cachingSha2FullAuthWithRsaPublicKeyRetrieval() throws Exception {
        start(TestConfigs.NO_TLS);
        assertThatThrownBy(() -> connect("sha", "sha-pw", "sslMode=DISABLED"))
                .as("a cold cache needs full authentication, which in the clear needs the RSA key")
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getMessage()).contains("Public Key Retrieval"));
        try (Connection c = connect("sha", "sha-pw", "sslMode=DISABLED&allowPublicKeyRetrieval=true")) {
            assertThat(queryLong(c, "SELECT 4")).isEqualTo(4);
        }
        assertThatThrownBy(() -> connect("sha", "bad", "sslMode=DISABLED&allowPublicKeyRetrieval=true"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1045));
    }

    @Test
    void changeUserSwitchesPluginsAndSessions() throws Exception {
        start(TlsConfig.SELF_SIGNED);
        try (Connection c = connect("app", "s3cret", "sslMode=REQUIRED")) {
            ScriptedHandler first = factory.last();
            c.unwrap(com.mysql.cj.jdbc.JdbcConnection.class).changeUser("sha", "sha-pw");
            assertThat(first.closed).as("the old session is released before the OK").isTrue();
            ScriptedHandler second = factory.last();
            assertThat(second).isNotSameAs(first);
            assertThat(second.client.user()).isEqualTo("sha");
            assertThat(second.client.connectionId()).isEqualTo(first.client.connectionId());
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT user")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("sha");
            }
            c.unwrap(com.mysql.cj.jdbc.JdbcConnection.class).changeUser("root", "");
            assertThat(factory.last().client.user()).isEqualTo("root");
            assertThat(queryLong(c, "SELECT 5")).isEqualTo(5);
        }
    }

    @Test
    void failedChangeUserEndsTheConnection() throws Exception {
        start(TestConfigs.NO_TLS);
        try (Connection c = connect("app", "s3cret", "sslMode=DISABLED")) {
            assertThatThrownBy(() -> c.unwrap(com.mysql.cj.jdbc.JdbcConnection.class).changeUser("app", "wrong"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1045));
            await("the session closed").atMost(java.time.Duration.ofSeconds(5)).until(() -> factory.last().closed);
        }
    }

    @Test
    void typeMatrixInTextAndBinaryProtocols() throws Exception {
        start(TestConfigs.NO_TLS);
        for (String options : List.of("sslMode=DISABLED", "sslMode=DISABLED&useServerPrepStmts=true")) {
            try (Connection c = connect("app", "s3cret", options);
                 PreparedStatement ps = c.prepareStatement("SELECT types");
                 ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as(options).isTrue();
                assertThat(rs.getInt("tiny_s")).isEqualTo(-128);
                assertThat(rs.getInt("tiny_u")).isEqualTo(255);
                assertThat(rs.getInt("short_s")).isEqualTo(-32768);
                assertThat(rs.getInt("short_u")).isEqualTo(65535);
                assertThat(rs.getInt("int24_s")).isEqualTo(-8388608);
                assertThat(rs.getInt("long_s")).isEqualTo(Integer.MIN_VALUE);
                assertThat(rs.getLong("long_u")).isEqualTo(4294967295L);
                assertThat(rs.getLong("ll_s")).isEqualTo(Long.MIN_VALUE);
                assertThat(rs.getBigDecimal("ll_u")).isEqualTo(new BigDecimal("18446744073709551615"));
                assertThat(rs.getInt("yr")).isEqualTo(2024);
                assertThat(rs.getFloat("flt")).isEqualTo(1.5f);
                assertThat(rs.getDouble("dbl")).isEqualTo(-2.25e-10);
                assertThat(rs.getBigDecimal("dec")).isEqualTo(new BigDecimal("-12345.678900"));
                assertThat(rs.getObject("d", LocalDate.class)).isEqualTo(LocalDate.of(2024, 2, 29));
                assertThat(rs.getObject("dt6", LocalDateTime.class)).isEqualTo(LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123456000));
                assertThat(rs.getObject("dt0", LocalDateTime.class)).isEqualTo(LocalDateTime.of(2024, 2, 29, 13, 14, 15));
                if (!options.contains("useServerPrepStmts")) {
                    // Connector/J 9.1 decodes negative binary TIMEs wrongly (-838:59:59 → -794:59:59), against a
                    // real MariaDB too; the binary encoding is pinned by BinaryValuesTest and MariaDbClientTest.
                    assertThat(rs.getString("tm_neg")).isEqualTo("-838:59:59");
                }
                assertThat(rs.getBytes("b")).isEqualTo(new byte[]{5});
                assertThat(rs.getString("en")).isEqualTo("b");
                assertThat(rs.getString("st")).isEqualTo("a,c");
                assertThat(rs.getBytes("bl")).isEqualTo(new byte[]{0, 1, 2, (byte) 0xff});
                assertThat(rs.getString("txt")).isEqualTo("héllo wörld");
                assertThat(rs.getString("nul")).isNull();
            }
        }
    }

    @Test
    void serverPreparedStatementsWithParameters() throws Exception {
        start(TestConfigs.NO_TLS);
        try (Connection c = connect("app", "s3cret", "sslMode=DISABLED&useServerPrepStmts=true");
             PreparedStatement ps = c.prepareStatement("SELECT ?, ?, ?")) {
            for (int i = 0; i < 3; i++) {
                ps.setLong(1, i);
                ps.setString(2, "v" + i);
                ps.setObject(3, LocalDateTime.of(2024, 1, 2, 3, 4, 5));
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(2)).isEqualTo("v" + i);
                }
                List<BoundParameter> p = factory.last().executions.getLast();
                assertThat(p.get(0).value()).isEqualTo((long) i);
                assertThat(p.get(1).value()).isEqualTo("v" + i);
                assertThat(p.get(2).value()).isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5));
            }
        }
    }

    @Test
    void cursorFetchRequestsGetTheRowsDirectly() throws Exception {
        // the client asks for a server-side cursor (COM_STMT_FETCH); without CURSOR_EXISTS in the
        // status it reads the rows that follow, as with any server that cannot open a cursor
        start(TestConfigs.NO_TLS);
        try (Connection c = connect("app", "s3cret", "sslMode=DISABLED&useServerPrepStmts=true&useCursorFetch=true");
             PreparedStatement ps = c.prepareStatement("SELECT rows ?")) {
            ps.setFetchSize(100);
            ps.setInt(1, 1000);
            try (ResultSet rs = ps.executeQuery()) {
                int n = 0;
                while (rs.next()) n++;
                assertThat(n).isEqualTo(1000);
            }
            assertThat(factory.last().executions).isNotEmpty();
        }
    }

    @Test
    void largeResultStreams() throws Exception {
        start(TestConfigs.NO_TLS);
        try (Connection c = connect("app", "s3cret", "sslMode=DISABLED"); Statement s = c.createStatement(
                ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            s.setFetchSize(Integer.MIN_VALUE); // Connector/J streaming mode
            try (ResultSet rs = s.executeQuery("SELECT rows 500000")) {
                long n = 0;
                while (rs.next()) n++;
                assertThat(n).isEqualTo(500_000);
            }
        }
    }
}
