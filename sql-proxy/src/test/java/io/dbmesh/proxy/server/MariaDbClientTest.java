package io.dbmesh.proxy.server;

import io.dbmesh.proxy.testing.ScriptedFactory;
import io.dbmesh.proxy.testing.TestConfigs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** MariaDB Connector/J against ProxyServer with the scripted handler. */
class MariaDbClientTest {
    private final ScriptedFactory factory = new ScriptedFactory();
    private ProxyServer server;
    private int port;

    @BeforeEach
    void start() throws Exception {
        server = new ProxyServer(TestConfigs.config(TestConfigs.NO_TLS,
                TestConfigs.user("root", "", "mysql_native_password"),
                TestConfigs.user("app", "s3cret", "mysql_native_password"),
                TestConfigs.user("sha", "sha-pw", "caching_sha2_password")), factory);
        port = server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Connection connect(String user, String password, String options) throws Exception {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/wire_test?user=" + user
                + "&password=" + password + (options.isEmpty() ? "" : "&" + options));
    }

    @Test
    void selectsOverNativePassword() throws Exception {
        try (Connection c = connect("app", "s3cret", ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(1);
        }
        assertThat(factory.last().client.user()).isEqualTo("app");
        assertThat(factory.last().client.database()).isEqualTo("wire_test");
    }
}
