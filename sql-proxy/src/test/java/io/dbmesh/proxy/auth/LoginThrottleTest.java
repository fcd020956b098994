package io.dbmesh.proxy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbmesh.proxy.config.LimitsConfig;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final LoginThrottle throttle = new LoginThrottle(new LimitsConfig.FailedLogins(2, Duration.ofMillis(100),
            Duration.ofMillis(500), 6, Duration.ofSeconds(60)), now::get);

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void delayGrowsAfterTheFirstFailuresThenTheAddressIsBlocked() {
        assertThat(throttle.before("10.0.0.1", "app")).isInstanceOf(LoginThrottle.Verdict.Proceed.class);
        throttle.failed("10.0.0.1", "app");
        assertThat(throttle.before("10.0.0.1", "app")).isInstanceOf(LoginThrottle.Verdict.Proceed.class);
        throttle.failed("10.0.0.1", "app");
        assertThat(throttle.before("10.0.0.1", "app")).isEqualTo(new LoginThrottle.Verdict.Delay(Duration.ofMillis(100), 2));
        throttle.failed("10.0.0.1", "x");
        assertThat(throttle.before("10.0.0.1", "y")).isEqualTo(new LoginThrottle.Verdict.Delay(Duration.ofMillis(200), 3));
        throttle.failed("10.0.0.1", "y");
        assertThat(throttle.before("10.0.0.1", "z")).isEqualTo(new LoginThrottle.Verdict.Delay(Duration.ofMillis(400), 4));
        LoginThrottle.Counts counts = throttle.failed("10.0.0.1", "app");
        assertThat(counts).isEqualTo(new LoginThrottle.Counts(5, 3));
        assertThat(throttle.before("10.0.0.1", "z")).isEqualTo(new LoginThrottle.Verdict.Delay(Duration.ofMillis(500), 5));
        throttle.failed("10.0.0.1", "app");
        advance(Duration.ofSeconds(10));
        assertThat(throttle.before("10.0.0.1", "anyone")).isEqualTo(
                new LoginThrottle.Verdict.Blocked(false, 6, Duration.ofSeconds(50)));
        // another address is not affected by this address's block
        assertThat(throttle.before("10.0.0.2", "other")).isInstanceOf(LoginThrottle.Verdict.Proceed.class);
        advance(Duration.ofSeconds(51));
        assertThat(throttle.before("10.0.0.1", "anyone")).isInstanceOf(LoginThrottle.Verdict.Proceed.class);
    }

    @Test
    void aUserGuessedFromManyAddressesIsBlockedToo() {
        for (int i = 0; i < 6; i++) throttle.failed("10.0.1." + i, "victim");
        LoginThrottle.Verdict v = throttle.before("10.0.2.1", "victim");
        assertThat(v).isInstanceOf(LoginThrottle.Verdict.Blocked.class);
        assertThat(((LoginThrottle.Verdict.Blocked) v).byUser()).isTrue();
        assertThat(throttle.before("10.0.2.1", "someone")).isInstanceOf(LoginThrottle.Verdict.Proceed.class);
    }

    @Test
    void successClearsBothCounts() {
        throttle.failed("10.0.0.1", "app");
        throttle.failed("10.0.0.1", "app");
        throttle.failed("10.0.0.1", "app");
        throttle.succeeded("10.0.0.1", "app");
        assertThat(throttle.before("10.0.0.1", "app")).isInstanceOf(LoginThrottle.Verdict.Proceed.class);
    }

    @Test
    void randomUserNamesCannotGrowTheTableWithoutBound() {
        for (int i = 0; i < LoginThrottle.MAX_ENTRIES * 3; i++) throttle.failed("10.0.0." + (i % 7), "user" + i);
        assertThat(throttle.size()).isLessThanOrEqualTo(LoginThrottle.MAX_ENTRIES + 2);
    }
}
