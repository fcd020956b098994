package io.dbmesh.proxy.loop;

import io.dbmesh.proxy.backend.LoopSocketFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Connector/J over {@link LoopSocket}, against the real MariaDB the tests use. */
// needs the MariaDB at 127.0.0.1:3306 (README "Tests": -DexcludedGroups=mariadb runs the others without it)
@Tag("mariadb")
class LoopSocketTest {
    static final String HOST = System.getProperty("dbmesh.test.mariadb", "127.0.0.1:3306");
    static IoLoops loops;

    @BeforeAll
    static void start() {
        assumeTrue(LoopThreads.available(), "needs JDK 24+ with --add-opens java.base/java.lang");
        loops = IoLoops.start(1);
    }

    @AfterAll
    static void stop() {
        if (loops != null) loops.close();
    }

    static String url(String host, String extra) {
        String options = LoopSocketFactory.driverOptions(loops).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
        return "jdbc:mariadb://" + host + "/mysql?" + options + extra;
    }

    static Connection connect(String extra) throws SQLException {
        return DriverManager.getConnection(url(HOST, extra), "root", "");
    }

    /** Runs {@code body} on a command thread of the loop, as the sidecar does. */
    static <T> T onLoop(java.util.concurrent.Callable<T> body) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        LoopThreads.start("test", loops.group().next(), () -> {
            try {
                result.complete(body.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception ex) throw ex;
            throw e;
        }
    }

    @Test
    void connectorJRunsQueriesOverTheLoopSocket() throws Exception {
        String answer = onLoop(() -> {
            try (Connection c = connect(""); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT CONCAT('loop', 1 + 1)")) {
                assertThat(socketOf(c)).isInstanceOf(LoopSocket.class);
                rs.next();
                return rs.getString(1);
            }
        });
        assertThat(answer).isEqualTo("loop2");
    }

    @Test
    void platformThreadsUseItToo() throws Exception {
        try (Connection c = connect(""); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 42")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(42);
        }
    }

    @Test
    void aConnectionServesThreadsOfOtherLoops() throws Exception {
        // a pooled connection joins one loop and may then serve a session on another: still correct,
        // only the wake-ups cross threads
        try (IoLoops two = IoLoops.start(2);
             Connection c = DriverManager.getConnection(url(HOST, "").replace(IoLoops.ID_OPTION + "=" + LoopSocketFactory.driverOptions(loops).get(IoLoops.ID_OPTION),
                     IoLoops.ID_OPTION + "=" + LoopSocketFactory.driverOptions(two).get(IoLoops.ID_OPTION)), "root", "")) {
            assertThat(socketOf(c)).isInstanceOf(LoopSocket.class);
            for (int round = 0; round < 20; round++) {
                io.netty.channel.EventLoop loop = two.group().next();
                CompletableFuture<Integer> answer = new CompletableFuture<>();
                int expected = round;
                LoopThreads.start("round-" + round, loop, () -> {
                    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT " + expected + " + 1")) {
                        rs.next();
                        answer.complete(rs.getInt(1));
                    } catch (Throwable t) {
                        answer.completeExceptionally(t);
                    }
                });
                assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo(round + 1);
            }
        }
    }

    @Test
    void aLargeResultStreamsThroughWithBoundedBuffering() throws Exception {
        long[] totals = onLoop(() -> {
            try (Connection c = connect(""); Statement s = c.createStatement()) {
                s.setFetchSize(100);
                long rows = 0, bytes = 0;
                int maxBuffered = 0;
                InboundBytes inbound = inboundOf(c);
                // ~64 MB of rows, read slowly at first so the backend outpaces the reader
                try (ResultSet rs = s.executeQuery("SELECT seq, REPEAT('x', 1000) FROM seq_1_to_64000")) {
                    while (rs.next()) {
                        rows++;
                        bytes += rs.getString(2).length();
                        if (rows < 200) Thread.sleep(1);
                        maxBuffered = Math.max(maxBuffered, inbound.available());
                    }
                }
                return new long[]{rows, bytes, maxBuffered};
            }
        });
        assertThat(totals[0]).isEqualTo(64000);
        assertThat(totals[1]).isEqualTo(64_000_000L);
        // reading pauses above the high water mark; one socket read (up to 64 KiB) may land on top
        assertThat(totals[2]).isLessThan(InboundBytes.HIGH_WATER + 256 * 1024);
    }

    private static InboundBytes inboundOf(Connection c) throws Exception {
        LoopSocket socket = (LoopSocket) socketOf(c);
        java.lang.reflect.Field f = LoopSocket.class.getDeclaredField("inbound");
        f.setAccessible(true);
        return (InboundBytes) f.get(socket);
    }

    /** The driver's socket (a private field of its client: test-only reflection). */
    private static java.net.Socket socketOf(Connection c) throws Exception {
        Object client = c.unwrap(org.mariadb.jdbc.Connection.class).getClient();
        java.lang.reflect.Field f = org.mariadb.jdbc.client.impl.StandardClient.class.getDeclaredField("socket");
        f.setAccessible(true);
        return (java.net.Socket) f.get(client);
    }

    @Test
    void aSocketTimeoutEndsAHungRead() throws Exception {
        Throwable failure = onLoop(() -> {
            try (Connection c = connect("&socketTimeout=300"); Statement s = c.createStatement()) {
                s.executeQuery("SELECT SLEEP(5)");
                return null;
            } catch (SQLException e) {
                return e;
            }
        });
        assertThat(failure).isInstanceOf(SQLException.class);
        assertThat(failure.getMessage()).contains("Socket tim"); // Connector/J: "Socket timout error"
        assertThat(failure).hasRootCauseInstanceOf(java.net.SocketTimeoutException.class);
    }

    @Test
    void abortWakesAStatementBlockedOnTheBackend() throws Exception {
        try (Connection c = connect("")) {
            CompletableFuture<Throwable> blocked = new CompletableFuture<>();
            LoopThreads.start("blocked", loops.group().next(), () -> {
                try (Statement s = c.createStatement()) {
                    s.executeQuery("SELECT SLEEP(30) AS loop_abort_test");
                    blocked.complete(null);
                } catch (Throwable t) {
                    blocked.complete(t);
                }
            });
            await("the SLEEP runs on the server").atMost(java.time.Duration.ofSeconds(10)).until(() -> {
                try (Connection watcher = connect(""); Statement w = watcher.createStatement();
                     ResultSet rs = w.executeQuery("SELECT COUNT(*) FROM information_schema.PROCESSLIST"
                             + " WHERE INFO LIKE '%AS loop_abort_test' AND ID <> CONNECTION_ID()")) {
                    return rs.next() && rs.getLong(1) > 0;
                }
            });
            long started = System.nanoTime();
            c.abort(Runnable::run);
            Throwable t = blocked.get(10, TimeUnit.SECONDS);
            assertThat(t).isInstanceOf(SQLException.class);
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(5);
        }
    }

    @Test
    void aBackendThatClosesTheConnectionGivesAClearError() throws Exception {
        Throwable failure = onLoop(() -> {
            try (Connection c = connect(""); Statement s = c.createStatement()) {
                long id;
                try (ResultSet rs = s.executeQuery("SELECT CONNECTION_ID()")) {
                    rs.next();
                    id = rs.getLong(1);
                }
                try (Connection other = connect(""); Statement k = other.createStatement()) {
                    k.execute("KILL " + id);
                }
                s.executeQuery("SELECT 1");
                return null;
            } catch (SQLException e) {
                return e;
            }
        });
        assertThat(failure).isInstanceOf(SQLException.class);
        assertThat(((SQLException) failure).getSQLState()).startsWith("08"); // connection failure / killed
    }

    @Test
    void aClosedPortFailsTheConnectFast() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        long started = System.nanoTime();
        assertThatThrownBy(() -> onLoop(() -> DriverManager.getConnection(url("127.0.0.1:" + port, "&connectTimeout=2000"), "root", "")))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("127.0.0.1");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(5);
    }

    @Test
    void withoutItsLoopsTheFactoryRefusesClearly() {
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:mariadb://" + HOST + "/?socketFactory="
                + LoopSocketFactory.class.getName() + "&" + IoLoops.ID_OPTION + "=999999", "root", ""))
                .isInstanceOf(SQLException.class)
                .hasRootCauseMessage("the sidecar's I/O loops are closed (no " + IoLoops.ID_OPTION + " registered)");
    }
}
