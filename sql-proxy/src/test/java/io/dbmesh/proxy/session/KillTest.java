package io.dbmesh.proxy.session;

import io.dbmesh.core.error.MySqlException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.dbmesh.proxy.session.CollectingSink.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** KILL and CONNECTION_ID() speak of the sidecar's connection ids, never of backend threads. */
// needs the MariaDB at 127.0.0.1:3306 (README "Tests": -DexcludedGroups=mariadb runs the others without it)
@Tag("mariadb")
class KillTest {

    static TestBackend backend;

    @BeforeAll
    static void start() throws Exception {
        TestBackend.createSchemas();
        backend = new TestBackend(4);
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    static long id(SessionCommandHandler s) {
        return Long.parseLong(query(s, "SELECT CONNECTION_ID()").rows().text(0, 0));
    }

    @Test
    void killQueryInterruptsTheRunningStatement() throws Exception {
        SessionCommandHandler a = backend.open("app");
        SessionCommandHandler b = backend.open("app");
        try {
            long idA = id(a);
            long start = System.nanoTime();
            CompletableFuture<CollectingSink> slow = CompletableFuture.supplyAsync(() -> query(a, "SELECT SLEEP(30) AS kill_test"));
            await("the SLEEP runs on a backend").atMost(Duration.ofSeconds(10)).until(KillTest::sleepRunsOnABackend);
            assertThat(query(b, "KILL QUERY " + idA).ok()).isNotNull();
            CollectingSink result = slow.get(10, TimeUnit.SECONDS);
            assertThat(System.nanoTime() - start).isLessThan(10_000_000_000L);
            assertThat(result.results).hasSize(1);
            // the session itself goes on
            assertThat(query(a, "SELECT 1").rows().text(0, 0)).isEqualTo("1");
        } finally {
            a.close();
            b.close();
        }
    }

    /** True once the server's process list shows this test's {@code SLEEP(30) AS kill_test} running. */
    private static boolean sleepRunsOnABackend() throws Exception {
        try (Connection c = TestBackend.direct(null); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE '%SLEEP(30) AS kill_test%'"
                     + " AND ID <> CONNECTION_ID()")) {
            return rs.next() && rs.getLong(1) > 0;
        }
    }

    @Test
    void killConnectionRefusesEveryFurtherCommand() throws MySqlException {
        SessionCommandHandler a = backend.open("app");
        SessionCommandHandler b = backend.open("app");
        try {
            assertThat(query(b, "KILL " + id(a)).ok()).isNotNull();
            CollectingSink.Error e = query(a, "SELECT 1").error();
            assertThat(e.code()).isEqualTo(1927);
            assertThat(e.sqlState()).isEqualTo("70100");
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void unknownIdsAndOtherUsersSessionsAreRefused() throws MySqlException {
        SessionCommandHandler a = backend.open("app");
        SessionCommandHandler other = backend.open("app_only", "app", TestBackend.CLIENT_PROTOCOL_41);
        try {
            assertThat(query(a, "KILL 987654321").error().code()).isEqualTo(1094);
            assertThat(query(other, "KILL QUERY " + id(a)).error().code()).isEqualTo(1095);
            assertThat(id(a)).isNotEqualTo(id(other));
            assertThat(query(a, "SELECT 1").rows().text(0, 0)).isEqualTo("1");
        } finally {
            a.close();
            other.close();
        }
    }
}
