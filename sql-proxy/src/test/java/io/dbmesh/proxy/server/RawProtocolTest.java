package io.dbmesh.proxy.server;

import io.dbmesh.proxy.packet.Capabilities;
import io.dbmesh.proxy.packet.CommandPacket;
import io.dbmesh.proxy.testing.GeneratedRows;
import io.dbmesh.proxy.testing.RawClient;
import io.dbmesh.proxy.testing.ScriptedFactory;
import io.dbmesh.proxy.testing.ScriptedHandler;
import io.dbmesh.proxy.testing.TestConfigs;
import io.dbmesh.proxy.config.DbmeshConfig;
import io.dbmesh.proxy.config.ListenerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Protocol details drivers do not exercise, over a raw socket. */
class RawProtocolTest {
    private final ScriptedFactory factory = new ScriptedFactory();
    private ProxyServer server;
    private int port;

    @BeforeEach
    void start() throws Exception {
        server = new ProxyServer(TestConfigs.config(TestConfigs.NO_TLS,
                TestConfigs.user("root", "", "mysql_native_password"),
                TestConfigs.user("app", "s3cret", "mysql_native_password")), factory);
        port = server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static int header(byte[] p) {
        return p[0] & 0xff;
    }

    @Test
    void greetingAnnouncesAMariaDbCompatibleVersion() throws Exception {
        try (RawClient c = RawClient.login(port, "app", "s3cret", RawClient.DEFAULT_CAPABILITIES)) {
            assertThat(c.serverVersion()).isEqualTo("5.5.5-10.11.0-MariaDB-dbmesh");
            assertThat(c.lastSequenceId).as("OK after the handshake response").isEqualTo(2);
        }
    }

    @Test
    void unknownCommandIsAnErrorAndTheConnectionStaysOpen() throws Exception {
        try (RawClient c = RawClient.login(port, "root", "", RawClient.DEFAULT_CAPABILITIES)) {
            for (int code : new int[]{0x05, 0x08, 0x0d, 0x1c, 0x42, 0xff}) {
                c.command(code, new byte[]{1, 2, 3});
                byte[] err = c.read();
                assertThat(RawClient.errorCode(err)).as("command 0x%x", code).isEqualTo(1047);
                assertThat(new String(err, 3, 6, StandardCharsets.US_ASCII)).isEqualTo("#08S01");
                assertThat(RawClient.errorMessage(err)).isEqualTo("Unknown command");
                assertThat(c.lastSequenceId).isEqualTo(1);
            }
            c.command(CommandPacket.COM_PING, new byte[0]);
            assertThat(header(c.read())).isZero();
        }
    }

    @Test
    void pingStatisticsFieldListAndSetOption() throws Exception {
        try (RawClient c = RawClient.login(port, "root", "", RawClient.DEFAULT_CAPABILITIES)) {
            c.command(CommandPacket.COM_PING, new byte[0]);
            byte[] ok = c.read();
            assertThat(header(ok)).isZero();
            assertThat(ok[3] & 0xff).as("status AUTOCOMMIT").isEqualTo(2);

            c.command(CommandPacket.COM_STATISTICS, new byte[0]);
            assertThat(new String(c.read(), StandardCharsets.UTF_8)).startsWith("Uptime: ");

            c.command(CommandPacket.COM_FIELD_LIST, "t\0");
            byte[] first = c.read();
            assertThat(first[0]).as("a column definition starts with lenenc 'def'").isEqualTo((byte) 3);
            c.read();
            byte[] eof = c.read();
            assertThat(header(eof)).isEqualTo(0xfe);
            assertThat(eof.length).isEqualTo(5);

            c.command(CommandPacket.COM_SET_OPTION, new byte[]{1, 0});
            assertThat(header(c.read())).as("EOF without DEPRECATE_EOF").isEqualTo(0xfe);
        }
    }

    @Test
    void deprecateEofIsHonouredBothWays() throws Exception {
        try (RawClient c = RawClient.login(port, "root", "", RawClient.DEFAULT_CAPABILITIES)) {
            c.command(CommandPacket.COM_QUERY, "SELECT 1");
            assertThat(c.read()).containsExactly(1);
            c.read(); // definition
            assertThat(c.read()).as("EOF after definitions").containsExactly(0xfe, 0, 0, 2, 0);
            assertThat(c.read()).containsExactly(1, '1');
            assertThat(c.read()).containsExactly(0xfe, 0, 0, 2, 0);
        }
        try (RawClient c = RawClient.login(port, "root", "", RawClient.DEFAULT_CAPABILITIES | Capabilities.DEPRECATE_EOF)) {
            c.command(CommandPacket.COM_QUERY, "SELECT 1");
            assertThat(c.read()).containsExactly(1);
            c.read();
            assertThat(c.read()).as("no EOF: the row follows").containsExactly(1, '1');
            assertThat(c.read()).as("OK with the EOF header").containsExactly(0xfe, 0, 0, 2, 0, 0, 0);
        }
    }

    @Test
    void preparedStatementCommandsWithoutADriver() throws Exception {
        try (RawClient c = RawClient.login(port, "root", "", RawClient.DEFAULT_CAPABILITIES | Capabilities.DEPRECATE_EOF)) {
            c.command(CommandPacket.COM_STMT_PREPARE, "error ?");
            assertThat(RawClient.errorCode(c.read())).isEqualTo(1064);

            c.command(CommandPacket.COM_STMT_PREPARE, "SELECT ?, ?");
            byte[] ok = c.read();
            assertThat(header(ok)).isZero();
            int id = (ok[1] & 0xff) | (ok[2] & 0xff) << 8;
            assertThat(ok[5]).as("parameters").isEqualTo((byte) 2);
            for (int i = 0; i < 4; i++) c.read(); // 2 parameter and 2 column definitions, no EOFs

            // long data for parameter 0, then execute by the "last prepared" id 0xFFFFFFFF, types bound
            c.command(CommandPacket.COM_STMT_SEND_LONG_DATA, new byte[]{(byte) id, 0, 0, 0, 0, 0, 'a', 'b'});
            c.command(CommandPacket.COM_STMT_EXECUTE, new byte[]{-1, -1, -1, -1, 0, 1, 0, 0, 0,
                    0b10, 1, (byte) 0xfc, 0, 0x08, 0});
            assertThat(c.read()).containsExactly(2);
            ScriptedHandler h = factory.last();
            assertThat((byte[]) h.executions.getLast().get(0).value()).containsExactly('a', 'b');
            assertThat(h.executions.getLast().get(1).value()).isNull();
            c.read();
            c.read();
            c.read();
            assertThat(header(c.read())).isEqualTo(0xfe);

            // again, without types: the ones bound before apply
            c.command(CommandPacket.COM_STMT_EXECUTE, new byte[]{(byte) id, 0, 0, 0, 0, 1, 0, 0, 0,
                    0b00, 0, 3, 'x', 'y', 'z', 7, 0, 0, 0, 0, 0, 0, 0});
            assertThat(c.read()).containsExactly(2);
            for (int i = 0; i < 4; i++) c.read();
            assertThat(new String((byte[]) h.executions.getLast().get(0).value(), StandardCharsets.UTF_8)).isEqualTo("xyz");
            assertThat(h.executions.getLast().get(1).value()).isEqualTo(7L);

            c.command(CommandPacket.COM_STMT_RESET, new byte[]{(byte) id, 0, 0, 0});
            assertThat(header(c.read())).isZero();
            c.command(CommandPacket.COM_STMT_CLOSE, new byte[]{(byte) id, 0, 0, 0});
            c.command(CommandPacket.COM_STMT_EXECUTE, new byte[]{(byte) id, 0, 0, 0, 0, 1, 0, 0, 0});
            byte[] err = c.read();
            assertThat(RawClient.errorCode(err)).as("closed statement").isEqualTo(1243);
            assertThat(c.lastSequenceId).as("COM_STMT_CLOSE sent no answer").isEqualTo(1);
        }
    }

    @Test
    void truncatedCommandsAreMalformedPacketErrors() throws Exception {
        try (RawClient c = RawClient.login(port, "root", "", RawClient.DEFAULT_CAPABILITIES)) {
            c.command(CommandPacket.COM_STMT_PREPARE, "SELECT ?");
            c.read();
            c.read();
            c.read();
            c.read();
            c.read();
            c.command(CommandPacket.COM_STMT_EXECUTE, new byte[]{1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3});
            assertThat(RawClient.errorCode(c.read())).isEqualTo(1835);
            c.command(CommandPacket.COM_STMT_RESET, new byte[]{1});
            assertThat(RawClient.errorCode(c.read())).isEqualTo(1835);
            c.command(CommandPacket.COM_PING, new byte[0]);
            assertThat(header(c.read())).isZero();
        }
    }

    @Test
    void aCommandWithAWrongSequenceIdEndsTheConnection() throws Exception {
        try (RawClient c = RawClient.login(port, "root", "", RawClient.DEFAULT_CAPABILITIES)) {
            c.write(5, new byte[]{CommandPacket.COM_PING});
            assertThat(RawClient.errorCode(c.read())).isEqualTo(1156);
            assertThat(c.readOrEof()).isEqualTo(-1);
        }
    }

    @Test
    void aClientThatNeverAnswersTheGreetingIsDisconnected() throws Exception {
        try (RawClient c = new RawClient(port)) {
            c.socket.setSoTimeout((int) (ClientConnection.CONNECT_TIMEOUT_SECONDS + 5) * 1000);
            c.read(); // the greeting
            long t0 = System.nanoTime();
            assertThat(c.readOrEof()).isEqualTo(-1);
            assertThat((System.nanoTime() - t0) / 1_000_000_000).isBetween(ClientConnection.CONNECT_TIMEOUT_SECONDS - 2,
                    ClientConnection.CONNECT_TIMEOUT_SECONDS + 2);
        }
    }

    @Test
    void quitClosesTheSessionAndTheSocket() throws Exception {
        try (RawClient c = RawClient.login(port, "root", "", RawClient.DEFAULT_CAPABILITIES)) {
            c.command(CommandPacket.COM_QUIT, new byte[0]);
            assertThat(c.readOrEof()).isEqualTo(-1);
        }
        ScriptedHandler h = factory.last();
        await().atMost(Duration.ofSeconds(5)).until(() -> h.closed);
    }

    @Test
    void aClientThatStopsReadingHoldsBackTheResultStream() throws Exception {
        try (RawClient c = RawClient.login(port, "root", "", RawClient.DEFAULT_CAPABILITIES)) {
            c.socket.setReceiveBufferSize(64 * 1024);
            c.command(CommandPacket.COM_QUERY, "SELECT rows 10000000");
            ScriptedHandler h = factory.last();
            GeneratedRows rows = await().atMost(Duration.ofSeconds(10)).until(() -> h.lastGenerated, Objects::nonNull);
            // blocked: the producing thread is parked and its count stands still between two polls
            long[] seen = {-1};
            await("the handler blocks on the unread socket").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        long now = rows.produced;
                        boolean still = now > 0 && now == seen[0] && rows.parked();
                        seen[0] = now;
                        return still;
                    });
            long produced = rows.produced;
            // ~20 bytes a row: socket buffers + the 1 MiB high water mark + one batch hold well under 1M rows
            assertThat(produced).isLessThan(1_000_000);
            // reading on releases it
            long read = 0;
            byte[] buf = new byte[1 << 16];
            while (read < 2_000_000) read += c.input().read(buf);
            await("reading releases the handler").atMost(Duration.ofSeconds(10)).until(() -> rows.produced > produced);
        }
    }

    @Test
    void closeLetsARunningCommandFinishAndDisconnectsIdleClients() throws Exception {
        try (RawClient idle = RawClient.login(port, "root", "", RawClient.DEFAULT_CAPABILITIES);
             RawClient busy = RawClient.login(port, "root", "", RawClient.DEFAULT_CAPABILITIES)) {
            busy.command(CommandPacket.COM_QUERY, "sleep 1500");
            ScriptedHandler running = factory.last();
            await("the command runs").atMost(Duration.ofSeconds(5)).until(() -> running.queries.contains("sleep 1500"));
            long t0 = System.nanoTime();
            server.close();
            long tookMs = (System.nanoTime() - t0) / 1_000_000;
            assertThat(busy.read()).as("the running query still gets its result").containsExactly(1);
            assertThat(idle.readOrEof()).isEqualTo(-1);
            assertThat(tookMs).isBetween(1000L, (ProxyServer.DRAIN_TIMEOUT_SECONDS - 1) * 1000L);
            assertThat(factory.opened).allSatisfy(h -> assertThat(h.closed).isTrue());
        }
    }

    @Test
    void maxConnectionsAnswersTooManyConnections() throws Exception {
        server.close();
        DbmeshConfig base = TestConfigs.config(TestConfigs.NO_TLS, TestConfigs.user("root", "", "mysql_native_password"));
        server = new ProxyServer(new DbmeshConfig(new ListenerConfig("127.0.0.1", 0, 1, 1 << 20, "10.11.0-dbmesh"),
                base.tls(), base.users(), base.dataSources(), base.databases()), factory);
        port = server.start();
        try (RawClient first = RawClient.login(port, "root", "", RawClient.DEFAULT_CAPABILITIES);
             RawClient second = new RawClient(port)) {
            byte[] err = second.read();
            assertThat(RawClient.errorCode(err)).isEqualTo(1040);
            assertThat(RawClient.errorMessage(err)).isEqualTo("Too many connections");
        }
    }
}
