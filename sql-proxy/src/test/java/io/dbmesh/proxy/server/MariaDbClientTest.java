package io.dbmesh.proxy.server;

import io.dbmesh.proxy.command.BoundParameter;
import io.dbmesh.proxy.config.TlsConfig;
import io.dbmesh.proxy.testing.ScriptedFactory;
import io.dbmesh.proxy.testing.ScriptedHandler;
import io.dbmesh.proxy.testing.TestCertificates;
import io.dbmesh.proxy.testing.TestConfigs;
import io.dbmesh.core.result.ColumnType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** MariaDB Connector/J against ProxyServer, answering from the scripted handler. */
class MariaDbClientTest {
    private final ScriptedFactory factory = new ScriptedFactory();
    private ProxyServer server;
    private int port;

    private void start(TlsConfig tls, long maxAllowedPacket) throws Exception {
        server = new ProxyServer(TestConfigs.config(tls, maxAllowedPacket,
                TestConfigs.user("root", "", "mysql_native_password"),
                TestConfigs.user("app", "s3cret", "mysql_native_password"),
                TestConfigs.user("sha", "sha-pw", "caching_sha2_password"),
                TestConfigs.user("sha_empty", "", "caching_sha2_password")), factory);
        port = server.start();
    }

    private void start() throws Exception {
        start(TestConfigs.NO_TLS, 16L << 20);
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    private Connection connect(String user, String password, String options) throws SQLException {
        return connect(user, password, "wire_test", options);
    }

    private Connection connect(String user, String password, String db, String options) throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/" + db + "?user=" + user
                + "&password=" + password + (options.isEmpty() ? "" : "&" + options));
    }

    private static long queryLong(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }

    @Test
    void nativePasswordAndClientInfo() throws Exception {
        start();
        try (Connection c = connect("app", "s3cret", "connectionAttributes=program_name:wire-test")) {
            assertThat(queryLong(c, "SELECT 1")).isEqualTo(1);
            assertThat(c.getMetaData().getDatabaseProductVersion()).contains("10.11.0");
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("MariaDB");
        }
        ScriptedHandler h = factory.last();
        assertThat(h.client.user()).isEqualTo("app");
        assertThat(h.client.database()).isEqualTo("wire_test");
        assertThat(h.client.tls()).isFalse();
        assertThat(h.client.attributes()).containsEntry("program_name", "wire-test");
        // COM_QUIT is handled asynchronously
        await("handler closed after the client quit").atMost(java.time.Duration.ofSeconds(5)).until(() -> h.closed);
    }

    @Test
    void emptyPasswordWithBothPlugins() throws Exception {
        start();
        try (Connection c = connect("root", "", "")) {
            assertThat(queryLong(c, "SELECT 2")).isEqualTo(2);
        }
        try (Connection c = connect("sha_empty", "", "")) {
            assertThat(queryLong(c, "SELECT 3")).isEqualTo(3);
        }
    }

    @Test
    void connectionIdsAreUnique() throws Exception {
        start();
        try (Connection a = connect("root", "", ""); Connection b = connect("root", "", "")) {
            assertThat(factory.opened.get(0).client.connectionId()).isNotEqualTo(factory.opened.get(1).client.connectionId());
        }
    }

    @Test
    void wrongPasswordAndUnknownUserAreDenied() throws Exception {
        start();
        assertThatThrownBy(() -> connect("app", "wrong", "")).isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getErrorCode()).isEqualTo(1045);
            assertThat(e.getSQLState()).isEqualTo("28000");
            assertThat(e.getMessage()).contains("Access denied for user 'app'@'127.0.0.1' (using password: YES)");
        });
        assertThatThrownBy(() -> connect("app", "", "")).isInstanceOfSatisfying(SQLException.class, e ->
                assertThat(e.getMessage()).contains("(using password: NO)"));
        assertThatThrownBy(() -> connect("ghost", "x", "")).isInstanceOfSatisfying(SQLException.class, e ->
                assertThat(e.getErrorCode()).isEqualTo(1045));
        assertThatThrownBy(() -> connect("sha", "wrong", "allowPublicKeyRetrieval=true"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1045));
        assertThat(factory.opened).isEmpty();
    }

    @Test
    void cachingSha2FullAuthWithRsaThenFastPath() throws Exception {
        start();
        // first: the cache is cold, so full authentication with the server's RSA public key
        try (Connection c = connect("sha", "sha-pw", "allowPublicKeyRetrieval=true")) {
            assertThat(queryLong(c, "SELECT 4")).isEqualTo(4);
        }
        // then the fast path: no public key needed any more
        try (Connection c = connect("sha", "sha-pw", "")) {
            assertThat(queryLong(c, "SELECT 5")).isEqualTo(5);
        }
        assertThatThrownBy(() -> connect("sha", "other", "")).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getErrorCode()).isEqualTo(1045));
    }

    @Test
    void cachingSha2FullAuthOverTls() throws Exception {
        start(TlsConfig.SELF_SIGNED, 16L << 20);
        try (Connection c = connect("sha", "sha-pw", "sslMode=trust")) {
            assertThat(queryLong(c, "SELECT 6")).isEqualTo(6);
        }
        assertThat(factory.last().client.tls()).isTrue();
    }

    @Test
    void tlsWithNativePasswordAndPlainClientsStillWelcome() throws Exception {
        start(TlsConfig.SELF_SIGNED, 16L << 20);
        try (Connection c = connect("app", "s3cret", "sslMode=trust")) {
            assertThat(queryLong(c, "SELECT 7")).isEqualTo(7);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT rows 20000")) {
                int n = 0;
                while (rs.next()) n++;
                assertThat(n).isEqualTo(20000);
            }
        }
        assertThat(factory.last().client.tls()).isTrue();
        try (Connection c = connect("app", "s3cret", "")) {
            assertThat(queryLong(c, "SELECT 8")).isEqualTo(8);
        }
        assertThat(factory.last().client.tls()).isFalse();
    }

    @Test
    void tlsRequiredRefusesPlainClients() throws Exception {
        start(new TlsConfig(true, null, null, true), 16L << 20);
        assertThatThrownBy(() -> connect("app", "s3cret", "")).isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getErrorCode()).isEqualTo(3159);
            assertThat(e.getMessage()).contains("insecure transport").contains("TLS");
        });
        try (Connection c = connect("app", "s3cret", "sslMode=trust")) {
            assertThat(queryLong(c, "SELECT 9")).isEqualTo(9);
        }
    }

    @Test
    void tlsWithAConfiguredCertificateThatClientsVerify(@TempDir Path dir) throws Exception {
        TestCertificates.Pem pem = TestCertificates.write(dir);
        start(new TlsConfig(true, pem.certificate(), pem.privateKey(), true), 16L << 20);
        try (Connection c = connect("sha", "sha-pw", "sslMode=verify-full&serverSslCert=" + pem.certificate())) {
            assertThat(queryLong(c, "SELECT 16")).isEqualTo(16);
        }
        assertThat(factory.last().client.tls()).isTrue();
    }

    @Test
    void unreadableCertificateFilesStopTheStart(@TempDir Path dir) {
        ProxyServer bad = new ProxyServer(TestConfigs.config(new TlsConfig(true, dir.resolve("missing.pem"),
                dir.resolve("missing-key.pem"), false), TestConfigs.user("root", "", null)), factory);
        assertThatThrownBy(bad::start).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing.pem");
    }

    @Test
    void factoryRefusalsReachTheClient() throws Exception {
        start();
        assertThatThrownBy(() -> connect("app", "s3cret", "nope", "")).isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getErrorCode()).isEqualTo(1049);
            assertThat(e.getMessage()).contains("Unknown database 'nope'");
        });
        assertThatThrownBy(() -> connect("app", "s3cret", "secret", "")).isInstanceOfSatisfying(SQLException.class, e ->
                assertThat(e.getErrorCode()).isEqualTo(1044));
    }

    @Test
    void typeMatrixInTextAndBinaryProtocols() throws Exception {
        start();
        for (String options : List.of("", "useServerPrepStmts=true")) {
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
                assertThat(rs.getObject("ts", LocalDateTime.class)).isEqualTo(LocalDateTime.of(2024, 2, 29, 0, 0));
                assertThat(rs.getString("tm_neg")).isEqualTo("-838:59:59");
                assertThat(rs.getString("tm_frac")).startsWith("25:01:02.5");
                assertThat(rs.getBytes("b")).isEqualTo(new byte[]{5});
                assertThat(rs.getString("en")).isEqualTo("b");
                assertThat(rs.getString("st")).isEqualTo("a,c");
                assertThat(rs.getString("js")).isEqualTo("{\"a\": [1, 2]}");
                assertThat(rs.getBytes("bl")).isEqualTo(new byte[]{0, 1, 2, (byte) 0xff});
                assertThat(rs.getString("txt")).isEqualTo("héllo wörld");
                assertThat(rs.getString("nul")).isNull();
                assertThat(rs.wasNull()).isTrue();
            }
        }
    }

    @Test
    void preparedStatementParametersArriveDecoded() throws Exception {
        start();
        try (Connection c = connect("app", "s3cret", "useServerPrepStmts=true");
             PreparedStatement ps = c.prepareStatement("SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?")) {
            ps.setInt(1, -7);
            ps.setLong(2, Long.MAX_VALUE);
            ps.setString(3, "héllo");
            ps.setNull(4, Types.VARCHAR);
            ps.setBytes(5, new byte[]{1, 2, 3});
            ps.setDate(6, Date.valueOf("2024-02-29"));
            ps.setTimestamp(7, Timestamp.valueOf("2024-02-29 13:14:15.123456"));
            ps.setTime(8, Time.valueOf("13:14:15"));
            ps.setBigDecimal(9, new BigDecimal("-1.50"));
            ps.setDouble(10, 2.5);
            ps.setFloat(11, 0.25f);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(3)).isEqualTo("héllo");
                assertThat(rs.getString(4)).isNull();
            }
            List<BoundParameter> p = factory.last().executions.getLast();
            assertThat(p).hasSize(11);
            assertThat(p.get(0).value()).isEqualTo(-7L);
            assertThat(p.get(1).value()).isEqualTo(Long.MAX_VALUE);
            assertThat(p.get(2).value()).isEqualTo("héllo");
            assertThat(p.get(3).value()).isNull();
            assertThat(p.get(4).value()).isEqualTo(new byte[]{1, 2, 3});
            assertThat(p.get(5).value()).isIn(LocalDate.of(2024, 2, 29), LocalDateTime.of(2024, 2, 29, 0, 0));
            assertThat(p.get(6).value()).isEqualTo(LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123456000));
            assertThat(p.get(7).value()).isEqualTo(java.time.Duration.ofHours(13).plusMinutes(14).plusSeconds(15));
            assertThat(p.get(8).value()).isEqualTo("-1.50");
            assertThat(p.get(9).value()).isEqualTo(2.5d);
            assertThat(((Number) p.get(10).value()).doubleValue()).isEqualTo(0.25d);

            // a second execution with the same types (the client may skip re-sending them)
            ps.setInt(1, 8);
            ps.setLong(2, 9);
            ps.setString(3, "x");
            ps.setString(4, "now set");
            ps.executeQuery().close();
            List<BoundParameter> p2 = factory.last().executions.getLast();
            assertThat(p2.get(0).value()).isEqualTo(8L);
            assertThat(p2.get(3).value()).isEqualTo("now set");
        }
    }

    @Test
    void longDataIsSentAheadAndMergedByTheHandler() throws Exception {
        start();
        byte[] big = new byte[300_000];
        for (int i = 0; i < big.length; i++) big[i] = (byte) i;
        try (Connection c = connect("app", "s3cret", "useServerPrepStmts=true");
             PreparedStatement ps = c.prepareStatement("SELECT ?, ?")) {
            ps.setBinaryStream(1, new ByteArrayInputStream(big));
            ps.setInt(2, 1);
            ps.executeQuery().close();
        }
        List<BoundParameter> p = factory.last().executions.getLast();
        assertThat((byte[]) p.get(0).value()).isEqualTo(big);
        assertThat(p.get(1).value()).isEqualTo(1L);
    }

    @Test
    void updateCountsMultiResultsAndErrors() throws Exception {
        start();
        try (Connection c = connect("app", "s3cret", "allowMultiQueries=true"); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("INSERT INTO t VALUES (1),(2),(3)", Statement.RETURN_GENERATED_KEYS)).isEqualTo(3);
            try (ResultSet keys = s.getGeneratedKeys()) {
                assertThat(keys.next()).isTrue();
                assertThat(keys.getLong(1)).isEqualTo(42);
            }
            assertThat(s.execute("multi")).isFalse();
            assertThat(s.getUpdateCount()).isEqualTo(1);
            assertThat(s.getMoreResults()).isTrue();
            try (ResultSet rs = s.getResultSet()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(7);
            }
            assertThat(s.getMoreResults()).isFalse();
            assertThat(s.getUpdateCount()).isEqualTo(-1);

            assertThatThrownBy(() -> s.executeQuery("error")).isInstanceOfSatisfying(SQLException.class, e -> {
                assertThat(e.getErrorCode()).isEqualTo(1146);
                assertThat(e.getSQLState()).isEqualTo("42S02");
            });
            assertThatThrownBy(() -> s.executeQuery("throw")).isInstanceOfSatisfying(SQLException.class, e -> {
                assertThat(e.getErrorCode()).isEqualTo(1105);
                assertThat(e.getMessage()).contains("handler blew up").doesNotContain("at io.dbmesh");
            });
            assertThatThrownBy(() -> s.executeQuery("silent")).isInstanceOfSatisfying(SQLException.class, e ->
                    assertThat(e.getErrorCode()).isEqualTo(1105));
            assertThat(queryLong(c, "SELECT 10")).as("the connection survives errors").isEqualTo(10);
            assertThat(c.isValid(2)).isTrue();
        }
    }

    @Test
    void initDb() throws Exception {
        start();
        try (Connection c = connect("app", "s3cret", "useServerPrepStmts=true")) {
            c.setCatalog("other");
            assertThatThrownBy(() -> c.setCatalog("nope")).isInstanceOfSatisfying(SQLException.class, e ->
                    assertThat(e.getErrorCode()).isEqualTo(1049));
            assertThat(queryLong(c, "SELECT 11")).isEqualTo(11);
        }
    }

    @Test
    void largeResultStreams() throws Exception {
        start();
        try (Connection c = connect("app", "s3cret", ""); Statement s = c.createStatement()) {
            s.setFetchSize(1000);
            try (ResultSet rs = s.executeQuery("SELECT rows 1000000")) {
                long n = 0, sum = 0;
                while (rs.next()) {
                    n++;
                    sum += rs.getLong(1);
                }
                assertThat(n).isEqualTo(1_000_000);
                assertThat(sum).isEqualTo(1_000_000L * 1_000_001L / 2);
            }
            assertThat(queryLong(c, "SELECT 12")).isEqualTo(12);
        }
    }

    @Test
    void packetsOf16MiBAndMoreTravelBothWays() throws Exception {
        start(TestConfigs.NO_TLS, 64L << 20);
        try (Connection c = connect("app", "s3cret", "maxAllowedPacket=67108864"); Statement s = c.createStatement()) {
            for (int size : new int[]{0xffffff - 1, 0xffffff, 0xffffff + 1, 20 << 20}) {
                // a row value of `size` bytes: the row packet is split into 16 MiB frames on the way out
                for (String options : List.of("text", "binary")) {
                    ResultSet rs = options.equals("text") ? s.executeQuery("SELECT blob " + size)
                            : c.prepareStatement("SELECT blob " + size).executeQuery();
                    assertThat(rs.next()).isTrue();
                    byte[] b = rs.getBytes(1);
                    assertThat(b).hasSize(size);
                    assertThat(b[size - 1]).isEqualTo((byte) ((size - 1) % 251));
                    rs.close();
                }
            }
            // a query bigger than 16 MiB: reassembled from frames on the way in
            String tail = "x".repeat((17 << 20));
            assertThat(queryLong(c, "SELECT length " + tail)).isEqualTo(tail.length());
        }
    }

    @Test
    void packetsAboveMaxAllowedPacketGetTheRightError() throws Exception {
        start(TestConfigs.NO_TLS, 1 << 20);
        try (Connection c = connect("app", "s3cret", ""); Statement s = c.createStatement()) {
            String huge = "SELECT '" + "x".repeat(2 << 20) + "'";
            assertThatThrownBy(() -> s.executeQuery(huge)).isInstanceOfSatisfying(SQLException.class, e -> {
                assertThat(e.getErrorCode()).as(e.toString()).isEqualTo(1153);
                assertThat(e.getMessage()).contains("Got a packet bigger than 'max_allowed_packet' bytes");
            });
        }
    }

    @Test
    void resetConnection() throws Exception {
        start();
        try (Connection c = connect("app", "s3cret", "useServerPrepStmts=true")) {
            c.unwrap(org.mariadb.jdbc.Connection.class).reset();
            assertThat(queryLong(c, "SELECT 13")).isEqualTo(13);
        }
    }

    @Test
    void platformCommandThreadsServeTheSameProtocol() throws Exception {
        System.setProperty("dbmesh.commandThreads", "platform");
        try {
            start();
        } finally {
            System.clearProperty("dbmesh.commandThreads");
        }
        try (Connection c = connect("app", "s3cret", "useServerPrepStmts=true");
             PreparedStatement ps = c.prepareStatement("SELECT ?")) {
            ps.setInt(1, 5);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("5");
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT rows 100000")) {
                int n = 0;
                while (rs.next()) n++;
                assertThat(n).isEqualTo(100000);
            }
        }
    }

    @Test
    void closingTheServerClosesSessions() throws Exception {
        start();
        Connection c = connect("app", "s3cret", "");
        assertThat(queryLong(c, "SELECT 14")).isEqualTo(14);
        server.close();
        server = null;
        ScriptedHandler h = factory.last();
        await("the session closed").atMost(java.time.Duration.ofSeconds(5)).until(() -> h.closed);
        assertThatThrownBy(() -> queryLong(c, "SELECT 15")).isInstanceOf(SQLException.class);
        c.close();
    }
}
