package io.dbmesh.txn;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The decision log on the shared MariaDB: group commit, the ABORT fence, leases. */
// needs the MariaDB at 127.0.0.1:3306 (README "Tests": -DexcludedGroups=mariadb runs the others without it)
@Tag("mariadb")
class DecisionLogTest {
    static final String DB = "xa_coord_" + ProcessHandle.current().pid();
    static final String URL = "jdbc:mariadb://127.0.0.1:3306/";

    static ConnectionSource source() {
        return new ConnectionSource() {
            @Override
            public Connection open(String dataSource) throws SQLException {
                return DriverManager.getConnection(URL + DB, "root", "");
            }

            @Override
            public List<String> dataSources() {
                return List.of("ds");
            }
        };
    }

    @BeforeAll
    static void database() throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, "root", ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DB);
            s.execute("CREATE DATABASE " + DB);
        }
    }

    @AfterAll
    static void drop() throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, "root", ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DB);
        }
    }

    @Test
    void concurrentDecisionsAreBatchedAndRecoveryCannotAbortACommit() throws Exception {
        List<Integer> batches = new CopyOnWriteArrayList<>();
        DecisionLog log = new DecisionLog(source(), "ds", "owner-aaaaaa", new TransactionListener() {
            @Override
            public void decisionsLogged(int batchSize) {
                batches.add(batchSize);
            }
        });
        log.open();
        try {
            int n = 64;
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            List<Character> results = new CopyOnWriteArrayList<>();
            for (int i = 0; i < n; i++) {
                String gtrid = "dbmesh:owner-aaaaaa:1." + i;
                threads.add(Thread.ofVirtual().start(() -> {
                    try {
                        go.await();
                        results.add(log.decideCommit(gtrid, List.of("ds_0", "ds_1")));
                    } catch (Exception e) {
                        results.add('E');
                    }
                }));
            }
            go.countDown();
            for (Thread t : threads) t.join();
            assertThat(results).hasSize(n).containsOnly('C');
            assertThat(batches.stream().mapToInt(Integer::intValue).sum()).isEqualTo(n);
            assertThat(batches.size()).as("group commit: fewer INSERTs than decisions " + batches).isLessThan(n);

            // recovery fenced this one first: the owner's COMMIT loses
            assertThat(log.presumeAbort("dbmesh:owner-aaaaaa:1.fenced", "recoverer")).isEqualTo('A');
            assertThat(log.decideCommit("dbmesh:owner-aaaaaa:1.fenced", List.of("ds_0"))).isEqualTo('A');
            // the owner got there first: recovery's ABORT loses
            assertThat(log.presumeAbort("dbmesh:owner-aaaaaa:1.0", "recoverer")).isEqualTo('C');
            assertThat(log.decisions(List.of("dbmesh:owner-aaaaaa:1.0", "dbmesh:owner-aaaaaa:1.fenced", "nope")))
                    .isEqualTo(Map.of("dbmesh:owner-aaaaaa:1.0", 'C', "dbmesh:owner-aaaaaa:1.fenced", 'A'));

            log.heartbeat(Duration.ofSeconds(30));
            assertThat(log.owners()).containsEntry("owner-aaaaaa", true);
            log.expireLease(); // lease_until = NOW(6): expired from the next microsecond on
            await("the lease expired").atMost(Duration.ofSeconds(5)).until(() -> Boolean.FALSE.equals(log.owners().get("owner-aaaaaa")));

            log.forget("dbmesh:owner-aaaaaa:1.0");
            await("the forgotten decision deleted").atMost(Duration.ofSeconds(10))
                    .until(() -> log.decisions(List.of("dbmesh:owner-aaaaaa:1.0")).isEmpty());
        } finally {
            log.close();
        }
    }
}
