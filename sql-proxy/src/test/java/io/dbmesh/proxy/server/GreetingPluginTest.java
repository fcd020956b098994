package io.dbmesh.proxy.server;

import io.dbmesh.proxy.testing.RawClient;
import io.dbmesh.proxy.testing.ScriptedFactory;
import io.dbmesh.proxy.testing.TestConfigs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** When most users use caching_sha2_password the greeting offers it; native users get switched. */
class GreetingPluginTest {
    private final ScriptedFactory factory = new ScriptedFactory();
    private ProxyServer server;
    private int port;

    @BeforeEach
    void start() throws Exception {
        server = new ProxyServer(TestConfigs.config(TestConfigs.NO_TLS,
                TestConfigs.user("a", "pa", "caching_sha2_password"),
                TestConfigs.user("b", "pb", "caching_sha2_password"),
                TestConfigs.user("n", "pn", "mysql_native_password")), factory);
        port = server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void greetingOffersTheMostUsedPlugin() throws Exception {
        try (RawClient c = new RawClient(port)) {
            byte[] greeting = c.read();
            String tail = new String(greeting, greeting.length - 22, 21, StandardCharsets.US_ASCII);
            assertThat(tail).isEqualTo("caching_sha2_password");
        }
    }

    @Test
    void bothPluginsLogInWithBothDrivers() throws Exception {
        for (String url : new String[]{"jdbc:mariadb://127.0.0.1:" + port + "/wire_test?allowPublicKeyRetrieval=true&user=",
                "jdbc:mysql://127.0.0.1:" + port + "/wire_test?sslMode=DISABLED&allowPublicKeyRetrieval=true&user="}) {
            for (String[] up : new String[][]{{"n", "pn"}, {"a", "pa"}, {"a", "pa"}}) {
                try (Connection c = DriverManager.getConnection(url + up[0] + "&password=" + up[1]);
                     Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT user")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).as(url + up[0]).isEqualTo(up[0]);
                }
            }
        }
    }
}
