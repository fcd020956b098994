package io.dbmesh.sharding.keygen;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class SnowflakeGeneratorTest {
    @Test
    void idsIncreaseAndStayUniqueEvenWhenTheClockStandsStillOrStepsBack() {
        AtomicLong clock = new AtomicLong(SnowflakeGenerator.EPOCH_MILLIS + 1000);
        SnowflakeGenerator g = new SnowflakeGenerator(5, clock::get);
        Set<Long> seen = new HashSet<>();
        long last = 0;
        for (int i = 0; i < 10_000; i++) {
            if (i == 5000) clock.addAndGet(-500);
            long id = g.next();
            assertThat(id).isGreaterThan(last);
            assertThat(seen.add(id)).isTrue();
            assertThat((id >> 12) & 1023).isEqualTo(5);
            last = id;
        }
    }
}
