package io.dbmesh.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dbmesh.it.MariaDbInstance;
import io.dbmesh.it.MariaDbServers;
import io.dbmesh.it.SidecarFixture;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Password guessing is braked (issue 9, item 5): a burst of wrong passwords is slowed by a growing
 * delay, then the address (1129) or the user (1045) is blocked for a while; the right password works
 * again once the block has expired.
 */
class LoginThrottlingTest {
    private static final String PHYSICAL = "hardening_throttle";
    private static final long BLOCK_MILLIS = 3_000;
    private SidecarFixture sidecar;

    @BeforeAll
    static void database() {
        MariaDbServers.shared().recreateDatabase(PHYSICAL);
    }

    @BeforeEach
    void start() {
        MariaDbInstance db = MariaDbServers.shared();
        sidecar = SidecarFixture.fromYaml("""
                users:
                  - {name: app, password: s3cret}
                  - {name: victim, password: v1ctim}
                data_sources:
                  ds0: {url: "${URL}", user: "${USER}", password: "${PASSWORD}"}
                databases:
                  app: {data_source: ds0}
                limits:
                  failed_logins: {delay_after: 2, delay: 200ms, max_delay: 800ms, block_after: 6, block_for: %dms}
                """.formatted(BLOCK_MILLIS), Map.of("URL", db.jdbcUrl(PHYSICAL), "USER", db.user(), "PASSWORD", db.password()));
    }

    @AfterEach
    void stop() {
        sidecar.close();
    }

    private SQLException login(String user, String password, String localAddress) {
        String url = sidecar.mariadbUrl("app") + "?connectTimeout=20000"
                + (localAddress == null ? "" : "&localSocketAddress=" + localAddress);
        return catchThrowableOfType(SQLException.class, () -> {
            try (Connection c = DriverManager.getConnection(url, user, password);
                 ResultSet rs = c.createStatement().executeQuery("SELECT 1")) {
                assertThat(rs.next()).isTrue();
            }
        });
    }

    @Test
    void aBurstOfWrongPasswordsIsSlowedThenTheAddressIsBlockedUntilItExpires() throws Exception {
        long started = System.nanoTime();
        for (int i = 0; i < 6; i++) {
            SQLException e = login("app", "guess" + i, null);
            assertThat((Object) e).isNotNull();
            assertThat(e.getErrorCode()).as(e.getMessage()).isEqualTo(1045);
            assertThat(e.getSQLState()).isEqualTo("28000");
        }
        long sixMillis = (System.nanoTime() - started) / 1_000_000;
        // delays before attempts 3..6: 200 + 400 + 800 + 800 ms
        assertThat(sixMillis).as("6 failed logins took %d ms", sixMillis).isGreaterThanOrEqualTo(2_200);

        // blocked: refused at once, whatever the password, with MySQL's "host blocked"
        long blockedAt = System.nanoTime();
        int attempts = 0;
        while ((System.nanoTime() - blockedAt) / 1_000_000 < 1_000) {
            SQLException e = login("app", attempts % 2 == 0 ? "wrong" : "s3cret", null);
            assertThat((Object) e).as("attempt %d while blocked", attempts).isNotNull();
            assertThat(e.getErrorCode()).as(e.getMessage()).isEqualTo(1129);
            assertThat(e.getSQLState()).isEqualTo("HY000");
            assertThat(e.getMessage()).contains("is blocked because of many connection errors");
            attempts++;
        }
        assertThat(attempts).as("refusals are immediate").isGreaterThan(1);

        // the block ends block_for after the last failure; then the right password works, at once
        Thread.sleep(BLOCK_MILLIS);
        long again = System.nanoTime();
        assertThat((Object) login("app", "s3cret", null)).isNull();
        assertThat((System.nanoTime() - again) / 1_000_000).isLessThan(2_000);
    }

    @Test
    void wrongPasswordsAreBoundedInRate() {
        long started = System.nanoTime();
        int failures = 0;
        while ((System.nanoTime() - started) / 1_000_000 < 2_000) {
            SQLException e = login("app", "guess", null);
            if (e.getErrorCode() == 1129) break;
            failures++;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        // unthrottled this is hundreds per second; here 2 fast ones, then 200, 400, 800 ms apart
        assertThat(failures / seconds).as("%d failures in %.1f s", failures, seconds).isLessThan(5);
    }

    @Test
    void aUserGuessedFromManyAddressesIsBlockedForThatUserOnly() {
        // loopback has 127.0.0.0/8: each guess from its own address, so only the user's count reaches the block
        for (int i = 0; i < 6; i++) {
            SQLException e = login("victim", "guess", "127.0.0." + (10 + i));
            assertThat(e.getErrorCode()).as(e.getMessage()).isEqualTo(1045);
        }
        SQLException blocked = login("victim", "v1ctim", "127.0.0.30");
        assertThat((Object) blocked).isNotNull();
        assertThat(blocked.getErrorCode()).as(blocked.getMessage()).isEqualTo(1045);
        assertThat(blocked.getMessage()).contains("too many failed logins for this user");
        // other users of those addresses are not blocked
        assertThat((Object) login("app", "s3cret", "127.0.0.10")).isNull();
    }
}
