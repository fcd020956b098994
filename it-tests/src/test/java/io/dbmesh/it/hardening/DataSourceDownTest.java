package io.dbmesh.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dbmesh.it.BackendPools;
import io.dbmesh.it.MariaDbServers;
import io.dbmesh.it.SidecarFixture;
import io.dbmesh.proxy.backend.DataSourceHealth;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A data source that is down fails statements at once with an error naming it, instead of each
 * waiting the 5 s connection timeout, and serves again as soon as it answers (issue 9, item 6). A
 * real extra mariadbd is killed (SIGKILL) and restarted; a second data source on the shared server
 * keeps serving meanwhile.
 */
class DataSourceDownTest {
    private static MariaDbServers.Started server;
    private static SidecarFixture sidecar;
    private static final List<String> changes = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        server = MariaDbServers.startInstance("hardening-down", List.of());
        server.instance().recreateDatabase("hardening_down");
        MariaDbServers.shared().recreateDatabase("hardening_alive");
        sidecar = SidecarFixture.fromYaml("""
                users: [{name: root, password: ""}]
                data_sources:
                  flaky:
                    url: "${FLAKY}"
                    user: root
                    pool: {max_size: 4, min_idle: 1, connection_timeout: 5s}
                  steady: {url: "${STEADY}", user: "${USER}", password: "${PASSWORD}"}
                databases:
                  shop: {data_source: flaky}
                  other: {data_source: steady}
                """, Map.of("FLAKY", server.instance().jdbcUrl("hardening_down"),
                "STEADY", MariaDbServers.shared().jdbcUrl("hardening_alive"),
                "USER", MariaDbServers.shared().user(), "PASSWORD", MariaDbServers.shared().password()));
        sidecar.sidecar().dataSourceHealth().addListener((ds, from, to) -> changes.add(ds + (to.up() ? " up" : " down")));
    }

    @AfterAll
    static void stop() {
        if (sidecar != null) sidecar.close();
        if (server != null) server.close();
        MariaDbServers.shared().execute("DROP DATABASE IF EXISTS hardening_alive");
    }

    private static int selectOne(Connection c) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void failsFastWhileDownAndServesAgainAfterRestart() throws Exception {
        DataSourceHealth health = sidecar.sidecar().dataSourceHealth();
        try (Connection c = DriverManager.getConnection(sidecar.mariadbUrl("shop"), "root", "")) {
            assertThat(selectOne(c)).isEqualTo(1);
            server.server().kill();

            // the probe (1 s interval, 2 failures) or the first failed statement marks it down
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (health.isUp("flaky") && System.nanoTime() < deadline) {
                catchThrowableOfType(SQLException.class, () -> selectOne(c));
                Thread.sleep(100);
            }
            assertThat(health.isUp("flaky")).as("known down within 20 s").isFalse();
            assertThat(health.isUp("steady")).isTrue();

            for (int i = 0; i < 5; i++) {
                long started = System.nanoTime();
                SQLException e = catchThrowableOfType(SQLException.class, () -> selectOne(c));
                long millis = (System.nanoTime() - started) / 1_000_000;
                assertThat((Object) e).as("statement %d while down", i).isNotNull();
                assertThat(e.getErrorCode()).as(e.getMessage()).isEqualTo(1429);
                assertThat(e.getSQLState()).isEqualTo("HY000");
                assertThat(e.getMessage()).contains("data source 'flaky' is down since");
                assertThat(millis).as("fail fast, not the 5 s connect timeout").isLessThan(1_000);
            }
            // a new client is refused just as fast, and other data sources keep serving
            try (Connection other = DriverManager.getConnection(sidecar.mariadbUrl("other"), "root", "")) {
                assertThat(selectOne(other)).isEqualTo(1);
            }

            server.server().start();
            long restarted = System.nanoTime();
            Integer answer = null;
            while (answer == null && System.nanoTime() - restarted < 30_000_000_000L) {
                try {
                    answer = selectOne(c);
                } catch (SQLException e) {
                    Thread.sleep(100);
                }
            }
            assertThat(answer).as("serves again after the restart").isEqualTo(1);
            assertThat((System.nanoTime() - restarted) / 1_000_000).isLessThan(30_000);
            assertThat(health.isUp("flaky")).isTrue();
            assertThat(changes).containsSubsequence("flaky down", "flaky up");
        }
        BackendPools.assertNoneActive(sidecar);
    }
}
