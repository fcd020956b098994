package io.dbmesh.proxy.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.AbstractLogger;

class RepeatLimitedLogTest {

    /** Collects what would be written. */
    static final class Lines extends AbstractLogger {
        final List<String> written = new ArrayList<>();

        @Override protected String getFullyQualifiedCallerName() { return null; }
        @Override protected void handleNormalizedLoggingCall(Level level, org.slf4j.Marker marker, String msg,
                                                             Object[] args, Throwable t) { written.add(msg); }
        @Override public boolean isTraceEnabled() { return true; }
        @Override public boolean isTraceEnabled(org.slf4j.Marker m) { return true; }
        @Override public boolean isDebugEnabled() { return true; }
        @Override public boolean isDebugEnabled(org.slf4j.Marker m) { return true; }
        @Override public boolean isInfoEnabled() { return true; }
        @Override public boolean isInfoEnabled(org.slf4j.Marker m) { return true; }
        @Override public boolean isWarnEnabled() { return true; }
        @Override public boolean isWarnEnabled(org.slf4j.Marker m) { return true; }
        @Override public boolean isErrorEnabled() { return true; }
        @Override public boolean isErrorEnabled(org.slf4j.Marker m) { return true; }
    }

    @Test
    void aBurstOfTheSameLineIsWrittenOnceThenCounted() {
        Lines lines = new Lines();
        AtomicLong now = new AtomicLong();
        RepeatLimitedLog log = new RepeatLimitedLog(lines, 1000, now::get);
        for (int i = 0; i < 10_000; i++) {
            log.warn("malformed", "malformed packet " + i);
            now.addAndGet(10_000); // 10 µs apart: 0.1 s in all
        }
        log.warn("other", "another kind of line");
        assertThat(lines.written).containsExactly("malformed packet 0", "another kind of line");
        now.addAndGet(1_000_000_000L);
        log.warn("malformed", "malformed packet again");
        assertThat(lines.written).last().isEqualTo("malformed packet again (repeated 9999 times)");
        now.addAndGet(2_000_000_000L);
        log.warn("malformed", "quiet since");
        assertThat(lines.written).last().isEqualTo("quiet since");
    }

    @Test
    void clientTextCannotForgeLinesOrFloodOne() {
        assertThat(RepeatLimitedLog.quote("app")).isEqualTo("app");
        assertThat(RepeatLimitedLog.quote("x\n[main] INFO fake\r")).isEqualTo("x\\x0a[main] INFO fake\\x0d");
        assertThat(RepeatLimitedLog.quote("a\u2028b\\c\ufffd")).isEqualTo("a\\u2028b\\x5cc\\ufffd");
        assertThat(RepeatLimitedLog.quote("u".repeat(1000))).hasSize(65).endsWith("…");
    }
}
