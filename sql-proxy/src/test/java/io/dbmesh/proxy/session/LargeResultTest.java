package io.dbmesh.proxy.session;

import io.dbmesh.core.error.MySqlException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 2-million-row result (MariaDB's sequence engine) read by a deliberately slow consumer: rows
 * must stream, so the heap in use stays far below the ~250 MB the result would take if buffered.
 */
// needs the MariaDB at 127.0.0.1:3306 (README "Tests": -DexcludedGroups=mariadb runs the others without it)
@Tag("mariadb")
class LargeResultTest {

    static TestBackend backend;

    @BeforeAll
    static void start() throws Exception {
        TestBackend.createSchemas();
        backend = new TestBackend(2);
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }

    @Test
    void twoMillionRowsStreamWithBoundedMemory() throws MySqlException {
        SessionCommandHandler session = backend.open("app");
        try {
            long baseline = usedHeap();
            AtomicLong peak = new AtomicLong();
            CollectingSink sink = new CollectingSink(session, 1_000_000, 10) {
                @Override
                public void rows(io.dbmesh.core.result.RowCursor cursor, boolean more) throws SQLException {
                    super.rows(new MeasuringCursor(cursor, peak), more);
                }
            };
            session.query("SELECT seq, REPEAT('x', 100), seq * 2 FROM seq_1_to_2000000", sink);
            CollectingSink.Rows rows = sink.rows();
            assertThat(sink.rowCount).isEqualTo(2_000_000);
            assertThat(rows.text(0, 0)).isEqualTo("1");
            assertThat(peak.get()).as("the heap was sampled while streaming").isPositive();
            long growth = peak.get() - baseline;
            assertThat(growth).as("heap growth while streaming").isLessThan(48L * 1024 * 1024);
            // the connection is back and usable
            CollectingSink after = new CollectingSink(session);
            session.query("SELECT 1", after);
            assertThat(after.rows().text(0, 0)).isEqualTo("1");
        } finally {
            session.close();
        }
    }

    @Test
    void aClientThatVanishesMidResultDoesNotMakeTheSidecarReadTheRest() throws MySqlException {
        SessionCommandHandler session = backend.open("app");
        try {
            CollectingSink gone = new CollectingSink(session) {
                @Override
                public void rows(io.dbmesh.core.result.RowCursor cursor, boolean more) throws SQLException {
                    for (int i = 0; i < 1000 && cursor.next(); i++) {
                        cursor.value(0);
                    }
                    throw new IllegalStateException("client went away");
                }
            };
            long t0 = System.nanoTime();
            // the wire sees its own exception again (the session neither swallows nor replaces it)
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> session.query("SELECT seq, REPEAT('x', 500) FROM seq_1_to_20000000", gone))
                    .isInstanceOf(IllegalStateException.class).hasMessage("client went away");
            // 20M rows of 500 bytes would take far longer to drain than to drop the connection
            assertThat(System.nanoTime() - t0).isLessThan(3_000_000_000L);
            assertThat(session.bound()).isFalse();
            CollectingSink after = new CollectingSink(session);
            session.query("SELECT 2", after);
            assertThat(after.rows().text(0, 0)).isEqualTo("2");
        } finally {
            session.close();
        }
    }

    /** Samples the heap (after a GC) every 250k rows while the cursor is being consumed. */
    static final class MeasuringCursor implements io.dbmesh.core.result.RowCursor {
        private final io.dbmesh.core.result.RowCursor delegate;
        private final AtomicLong peak;
        private long n;

        MeasuringCursor(io.dbmesh.core.result.RowCursor delegate, AtomicLong peak) {
            this.delegate = delegate;
            this.peak = peak;
        }

        @Override
        public java.util.List<io.dbmesh.core.result.Column> columns() {
            return delegate.columns();
        }

        @Override
        public boolean next() throws SQLException {
            if (++n % 250_000 == 0) {
                peak.accumulateAndGet(usedHeap(), Math::max);
            }
            return delegate.next();
        }

        @Override
        public byte[] value(int index) {
            return delegate.value(index);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
