package io.dbmesh.it.hardening;

import io.dbmesh.it.MariaDbInstance;
import io.dbmesh.it.MariaDbServers;
import io.dbmesh.proxy.backend.BackendConnection;
import io.dbmesh.proxy.backend.DataSourcePool;
import io.dbmesh.proxy.backend.RowCountMode;
import io.dbmesh.proxy.config.DataSourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A data source has two HikariCP pools (changed rows, found rows). A discarded connection must leave
 * exactly its own pool: evicting it through the other pool too marked it removed there first, so its
 * own pool then refused to remove it ("Attempt to remove an object from the bag that was not
 * borrowed or reserved"), kept it as a dead slot and never closed it — a one-connection pool was
 * exhausted after one discard, and the backend thread lived on.
 */
class PoolEvictionTest {
    private static final String DB = "it_pool_eviction";
    private static MariaDbInstance backend;
    private static DataSourcePool pool;

    @BeforeAll
    static void start() {
        backend = MariaDbServers.shared();
        backend.recreateDatabase(DB);
        pool = new DataSourcePool(new DataSourceConfig("ds0", backend.jdbcUrl(DB), backend.user(), backend.password(),
                new DataSourceConfig.PoolConfig(1, 0, Duration.ofMillis(1000), Duration.ofMinutes(10), Duration.ofMinutes(30))));
    }

    @AfterAll
    static void stop() {
        if (pool != null) pool.close();
        if (backend != null) backend.execute("DROP DATABASE IF EXISTS " + DB);
    }

    @Test
    void aDiscardedConnectionLeavesOnlyItsOwnPoolAndIsClosed() throws SQLException {
        pool.acquire(RowCountMode.FOUND).release(); // both pools are open from here on
        for (RowCountMode mode : RowCountMode.values()) {
            for (int round = 0; round < 3; round++) {
                BackendConnection c = pool.acquire(mode); // times out when the last discard left a dead slot
                long thread = connectionId(c);
                c.discard();
                await("backend thread " + thread + " of a discarded " + mode + " connection ends")
                        .atMost(Duration.ofSeconds(10)).until(() -> !alive(thread));
            }
        }
        assertThat(pool.activeConnections()).isZero();
    }

    @Test
    void anAbortedConnectionIsClosedWhenGivenBackAndNeverAbortedOnceBack() throws SQLException {
        BackendConnection aborted = pool.acquire(RowCountMode.CHANGED);
        long thread = connectionId(aborted);
        assertThat(aborted.abortIfHeld(Runnable::run)).isTrue();
        aborted.release(); // the session learns late: still closed, never pooled again
        await("aborted backend thread " + thread + " ends").atMost(Duration.ofSeconds(10)).until(() -> !alive(thread));

        BackendConnection back = pool.acquire(RowCountMode.CHANGED);
        long next = connectionId(back);
        assertThat(next).isNotEqualTo(thread);
        back.release();
        assertThat(back.abortIfHeld(Runnable::run)).as("back in the pool: perhaps another session's").isFalse();
        BackendConnection again = pool.acquire(RowCountMode.CHANGED);
        assertThat(connectionId(again)).as("the pooled connection survived").isEqualTo(next);
        again.release();
    }

    private static long connectionId(BackendConnection c) throws SQLException {
        try (Statement st = c.jdbc().createStatement(); ResultSet rs = st.executeQuery("SELECT CONNECTION_ID()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static boolean alive(long thread) throws SQLException {
        try (Connection admin = backend.connect(DB); Statement st = admin.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = " + thread)) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }
}
