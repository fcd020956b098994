package io.dbmesh.proxy.session;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions on their own threads hammer a pool of three backend connections with state changes,
 * transactions and reads at once: nobody may ever see another session's state or rows.
 */
// needs the MariaDB at 127.0.0.1:3306 (README "Tests": -DexcludedGroups=mariadb runs the others without it)
@Tag("mariadb")
class ConcurrentSessionsTest {

    static TestBackend backend;

    @BeforeAll
    static void start() throws Exception {
        TestBackend.createSchemas();
        try (Connection c = TestBackend.direct("exec_app"); Statement st = c.createStatement()) {
            st.execute("CREATE OR REPLACE TABLE cs_rows (session INT, n INT, PRIMARY KEY (session, n)) ENGINE=InnoDB");
        }
        backend = new TestBackend(3);
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    static CollectingSink query(SessionCommandHandler s, String sql) {
        CollectingSink sink = new CollectingSink(s);
        s.query(sql, sink);
        if (sink.results.stream().anyMatch(r -> r instanceof CollectingSink.Error)) {
            throw new AssertionError(sql + " → " + sink.results);
        }
        return sink;
    }

    @Test
    void eightSessionsOnThreeConnections() throws Exception {
        int sessions = 8;
        int rounds = 60;
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int id = 0; id < sessions; id++) {
                int me = id;
                futures.add(pool.submit(() -> {
                    SessionCommandHandler s = backend.open("app");
                    try {
                        query(s, "SET time_zone = '+0" + me + ":00', @me = " + me);
                        for (int i = 0; i < rounds; i++) {
                            query(s, "SET @round = " + i);
                            if (i % 3 == 0) {
                                query(s, "BEGIN");
                                query(s, "INSERT INTO cs_rows VALUES (" + me + ", " + i + ")");
                                CollectingSink.Rows inside = query(s, "SELECT COUNT(*) FROM cs_rows WHERE session = " + me).rows();
                                assertThat(Integer.parseInt(inside.text(0, 0))).isEqualTo(i / 3 + 1);
                                query(s, i % 2 == 0 ? "COMMIT" : "ROLLBACK; INSERT INTO cs_rows VALUES (" + me + ", " + i + ")");
                            }
                            CollectingSink.Rows r = query(s, "SELECT @me, @round, @@time_zone").rows();
                            assertThat(r.text(0, 0)).isEqualTo(Integer.toString(me));
                            assertThat(r.text(0, 1)).isEqualTo(Integer.toString(i));
                            assertThat(r.text(0, 2)).isEqualTo("+0" + me + ":00");
                            assertThat(s.serverStatus() & 0x0001).isZero();
                        }
                        CollectingSink.Rows mine = query(s, "SELECT COUNT(*) FROM cs_rows WHERE session = " + me).rows();
                        assertThat(mine.text(0, 0)).isEqualTo(Integer.toString((rounds + 2) / 3));
                    } finally {
                        s.close();
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (var p : backend.registry.pools()) {
            assertThat(p.activeConnections()).isZero(); // everything went back to the pool
        }
    }
}
