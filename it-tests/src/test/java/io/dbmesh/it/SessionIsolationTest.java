package io.dbmesh.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A slow statement or a client that stops reading holds up its own connection only. The sidecar
 * runs with ONE event loop here, so every connection's command thread and backend socket share it
 * (io.dbmesh.proxy.loop): were a waiting command to block the loop instead of parking, the other
 * connection could not finish first.
 */
class SessionIsolationTest {
    private static final String PHYSICAL = "it_isolation";
    private static SidecarFixture sidecar;

    @BeforeAll
    static void start() {
        MariaDbInstance db = MariaDbServers.shared();
        db.recreateDatabase(PHYSICAL);
        String previous = System.setProperty("dbmesh.io.threads", "1");
        try {
            sidecar = SidecarFixture.passthrough(db, PHYSICAL, "iso");
        } finally {
            if (previous == null) System.clearProperty("dbmesh.io.threads");
            else System.setProperty("dbmesh.io.threads", previous);
        }
    }

    @AfterAll
    static void stop() {
        if (sidecar != null) sidecar.close();
        MariaDbServers.shared().execute("DROP DATABASE IF EXISTS " + PHYSICAL);
    }

    @Test
    void aSlowStatementDoesNotHoldUpAnotherConnection() throws Exception {
        try (Connection slow = sidecar.connect("iso"); Connection quick = sidecar.connect("iso")) {
            CompletableFuture<Long> sleeping = CompletableFuture.supplyAsync(() -> {
                try (Statement s = slow.createStatement(); ResultSet rs = s.executeQuery("SELECT SLEEP(4) AS isolation_test")) {
                    rs.next();
                    return System.nanoTime();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            await("the SLEEP runs on the backend").atMost(java.time.Duration.ofSeconds(3)).until(() -> {
                try (Connection direct = MariaDbServers.shared().connect(""); Statement w = direct.createStatement();
                     ResultSet rs = w.executeQuery("SELECT COUNT(*) FROM information_schema.PROCESSLIST"
                             + " WHERE INFO LIKE '%AS isolation_test' AND ID <> CONNECTION_ID()")) {
                    return rs.next() && rs.getLong(1) > 0;
                }
            });
            try (Statement s = quick.createStatement()) {
                for (int i = 0; i < 50; i++) {
                    try (ResultSet rs = s.executeQuery("SELECT " + i + " * 2")) {
                        rs.next();
                        assertThat(rs.getInt(1)).isEqualTo(i * 2);
                    }
                }
            }
            assertThat(sleeping).as("the quick connection finished while the slow statement still ran").isNotDone();
            sleeping.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aClientThatStopsReadingDoesNotHoldUpAnotherConnection() throws Exception {
        try (Connection stalled = sidecar.connect("iso"); Connection quick = sidecar.connect("iso")) {
            CountDownLatch reading = new CountDownLatch(1), resume = new CountDownLatch(1);
            CompletableFuture<Long> streaming = CompletableFuture.supplyAsync(() -> {
                try (Statement s = stalled.createStatement()) {
                    s.setFetchSize(10); // Connector/J streams: the socket fills, the sidecar must wait
                    long rows = 0;
                    try (ResultSet rs = s.executeQuery("SELECT seq, REPEAT('x', 500) FROM seq_1_to_200000")) {
                        while (rs.next()) {
                            if (++rows == 10) {
                                reading.countDown();
                                resume.await(30, TimeUnit.SECONDS);
                            }
                        }
                    }
                    return rows;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(reading.await(30, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(300); // buffers between the sidecar and the stalled client are full by now
            try (Statement s = quick.createStatement()) {
                for (int i = 0; i < 50; i++) {
                    try (ResultSet rs = s.executeQuery("SELECT CONCAT('q', " + i + ")")) {
                        rs.next();
                        assertThat(rs.getString(1)).isEqualTo("q" + i);
                    }
                }
            }
            assertThat(streaming).isNotDone();
            resume.countDown();
            assertThat(streaming.get(60, TimeUnit.SECONDS)).isEqualTo(200_000L);
        }
    }
}
