package io.dbmesh.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dbmesh.it.MariaDbInstance;
import io.dbmesh.it.MariaDbServers;
import io.dbmesh.it.SidecarFixture;
import io.dbmesh.proxy.auth.LoginClock;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Password guessing is braked (issue 9, item 5): a burst of wrong passwords is slowed by a growing
 * delay, then the address (1129) or the user (1045) is blocked for a while; the right password works
 * again once the block has expired. The sidecar times failures and waits its delays on a clock this
 * test steps ({@link SteppedClock}): the delays are checked exactly and nothing waits in real time.
 */
class LoginThrottlingTest {
    private static final String PHYSICAL = "hardening_throttle";
    private static final long BLOCK_MILLIS = 3_000;
    private SidecarFixture sidecar;
    private SteppedClock clock;

    /** Time that passes only when a delay is waited on it (or the test says so); the delays are kept. */
    static final class SteppedClock implements LoginClock {
        private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
        private final List<Duration> delays = new CopyOnWriteArrayList<>();

        @Override
        public long nanoTime() {
            return nanos.get();
        }

        @Override
        public void sleep(Duration delay) {
            delays.add(delay);
            nanos.addAndGet(delay.toNanos());
        }

        void advance(Duration d) {
            nanos.addAndGet(d.toNanos());
        }

        List<Duration> delays() {
            return List.copyOf(delays);
        }
    }

    @BeforeAll
    static void database() {
        MariaDbServers.shared().recreateDatabase(PHYSICAL);
    }

    @BeforeEach
    void start() {
        MariaDbInstance db = MariaDbServers.shared();
        clock = new SteppedClock();
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
                """.formatted(BLOCK_MILLIS), Map.of("URL", db.jdbcUrl(PHYSICAL), "USER", db.user(), "PASSWORD", db.password()),
                clock);
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
    void aBurstOfWrongPasswordsIsSlowedThenTheAddressIsBlockedUntilItExpires() {
        for (int i = 0; i < 6; i++) {
            SQLException e = login("app", "guess" + i, null);
            assertThat((Object) e).isNotNull();
            assertThat(e.getErrorCode()).as(e.getMessage()).isEqualTo(1045);
            assertThat(e.getSQLState()).isEqualTo("28000");
        }
        // two fast ones, then a delay before attempts 3..6 that doubles up to max_delay
        assertThat(clock.delays()).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800),
                Duration.ofMillis(800));

        // blocked: refused at once, whatever the password, with MySQL's "host blocked"
        for (int attempt = 0; attempt < 4; attempt++) {
            clock.advance(Duration.ofMillis(500)); // still within block_for of the last failure
            SQLException e = login("app", attempt % 2 == 0 ? "wrong" : "s3cret", null);
            assertThat((Object) e).as("attempt %d while blocked", attempt).isNotNull();
            assertThat(e.getErrorCode()).as(e.getMessage()).isEqualTo(1129);
            assertThat(e.getSQLState()).isEqualTo("HY000");
            assertThat(e.getMessage()).contains("is blocked because of many connection errors");
        }
        assertThat(clock.delays()).as("refusals are immediate").hasSize(4);

        // the block ends block_for after the last failure; then the right password works, at once
        clock.advance(Duration.ofMillis(BLOCK_MILLIS + 1 - 4 * 500)); // 4 x 500 ms passed while blocked
        assertThat((Object) login("app", "s3cret", null)).isNull();
        assertThat(clock.delays()).hasSize(4);
    }

    @Test
    void wrongPasswordsAreBoundedInRate() {
        long started = clock.nanoTime();
        int failures = 0;
        while (failures < 100) {
            SQLException e = login("app", "guess", null);
            if (e.getErrorCode() == 1129) break;
            failures++;
        }
        double seconds = (clock.nanoTime() - started) / 1e9;
        // unthrottled this is hundreds per second; here 2 fast ones, then 200, 400, 800, 800 ms apart
        assertThat(failures).isEqualTo(6);
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
