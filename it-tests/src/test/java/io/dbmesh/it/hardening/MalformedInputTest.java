package io.dbmesh.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbmesh.it.BackendPools;
import io.dbmesh.it.RawMySqlClient;
import io.dbmesh.it.SidecarFixture;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Malformed packets before and after login (issue 9, fuzzing): random garbage, truncated and lying
 * headers, wrong sequence ids, broken commands with valid framing. Afterwards the sidecar serves,
 * every pool is back to no connection in use, direct memory is back, and the log did not grow a line
 * per bad packet.
 */
class MalformedInputTest {
    private static final String PHYSICAL = "hardening_malformed";
    private static SidecarFixture sidecar;

    @BeforeAll
    static void start() {
        sidecar = HardeningSidecar.start(PHYSICAL, """
                users: [{name: root, password: ""}]
                data_sources:
                  ds0: {url: "${URL}", user: "${USER}", password: "${PASSWORD}", pool: {max_size: 4, min_idle: 2}}
                databases:
                  app: {data_source: ds0}
                """,
                "CREATE TABLE " + PHYSICAL + ".t (id INT PRIMARY KEY, v VARCHAR(20))",
                "INSERT INTO " + PHYSICAL + ".t VALUES (1, 'one'), (2, 'two')");
    }

    @AfterAll
    static void stop() {
        HardeningSidecar.stop(sidecar, PHYSICAL);
    }

    /** Counts the lines written to System.err (where the sidecar logs) while it runs. */
    private static long countingLogLines(ThrowingRunnable body) throws Exception {
        PrintStream original = System.err;
        AtomicLong lines = new AtomicLong();
        ByteArrayOutputStream sample = new ByteArrayOutputStream();
        PrintStream counting = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                if (b == '\n') lines.incrementAndGet();
                if (sample.size() < 20_000) sample.write(b);
                original.write(b);
            }
        }, true);
        System.setErr(counting);
        try {
            body.run();
        } finally {
            System.setErr(original);
        }
        original.println("[MalformedInputTest] " + lines.get() + " log lines; first ones:\n"
                + sample.toString(StandardCharsets.UTF_8).lines().limit(15).reduce("", (a, b) -> a + b + "\n"));
        return lines.get();
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void malformedPacketsBeforeAndAfterLoginLeaveNothingBehind() throws Exception {
        assertServes();
        long directBefore = PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory();
        Random random = new Random(20261204);
        int attempts = 120;
        long lines = countingLogLines(() -> {
            for (int i = 0; i < attempts; i++) {
                beforeLogin(random, i);
                afterLogin(random, i);
            }
        });
        assertServes();
        BackendPools.assertNoneActive(sidecar);
        long grown = PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory() - directBefore;
        assertThat(grown).as("direct memory still held after the malformed traffic").isLessThan(16L << 20);
        assertThat(lines).as("log lines for %d bad connections", 2 * attempts).isLessThan(attempts / 2);
    }

    private static void assertServes() throws Exception {
        try (Connection c = DriverManager.getConnection(sidecar.mariadbUrl("app") + "?useServerPrepStmts=true", "root", "");
             PreparedStatement ps = c.prepareStatement("SELECT v FROM t WHERE id = ?")) {
            ps.setInt(1, 2);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("two");
            }
        }
    }

    /** One connection that never logs in properly. */
    private static void beforeLogin(Random random, int i) throws IOException {
        try (RawMySqlClient c = new RawMySqlClient(sidecar.port())) {
            c.soTimeout(5_000);
            c.greeting();
            switch (i % 6) {
                case 0 -> c.writeRaw(bytes(random, 1 + random.nextInt(200)));                // garbage
                case 1 -> c.write(1, bytes(random, random.nextInt(300)));                    // garbage handshake response
                case 2 -> c.write(7, bytes(random, 40));                                     // wrong sequence id
                case 3 -> {                                                                  // truncated valid-looking response
                    byte[] p = handshakePrefix();
                    c.write(1, java.util.Arrays.copyOf(p, random.nextInt(p.length)));
                }
                case 4 -> c.writeHeader(0xFFFFFF, 1);                                          // announces 16 MiB, sends nothing
                default -> {                                                                 // length-encoded auth that lies
                    byte[] p = handshakePrefix();
                    ByteArrayOutputStream b = new ByteArrayOutputStream();
                    b.writeBytes(p);
                    b.writeBytes(new byte[] {(byte) 0xfe, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0x7f, 0, 0, 0, 0});
                    c.write(1, b.toByteArray());
                }
            }
            readUntilClosedOrTimeout(c, i % 6 == 4 || i % 6 == 0);
        }
    }

    /** One logged-in connection that sends a broken command, then checks whether it still answers. */
    private static void afterLogin(Random random, int i) throws IOException {
        try (RawMySqlClient c = RawMySqlClient.login(sidecar.port(), "root", "", "app")) {
            c.soTimeout(5_000);
            switch (i % 7) {
                case 0 -> c.command(0x17, bytes(random, random.nextInt(40)));                // execute of nothing
                case 1 -> {                                                                  // execute with a lying bitmap
                    c.command(0x16, "SELECT ? + ?".getBytes(StandardCharsets.UTF_8));
                    int id = skipPrepareOk(c);
                    ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
                    b.putInt(id).put((byte) 0).putInt(1).put((byte) 0).put((byte) 1).put((byte) 0xfe);
                    c.command(0x17, b.array());
                }
                case 2 -> c.command(random.nextInt(256), bytes(random, random.nextInt(100))); // any command, garbage body
                case 3 -> c.write(3, "\u0003SELECT 1".getBytes(StandardCharsets.UTF_8));      // wrong sequence id
                case 4 -> c.command(0x11, bytes(random, random.nextInt(60)));                // COM_CHANGE_USER garbage
                case 5 -> c.command(0x18, bytes(random, 3));                                 // truncated long data
                default -> c.command(0x04, new byte[0]);                                     // COM_FIELD_LIST without table
            }
            readUntilClosedOrTimeout(c, true);
        }
    }

    private static int skipPrepareOk(RawMySqlClient c) throws IOException {
        byte[] ok = c.read();
        ByteBuffer b = ByteBuffer.wrap(ok).order(ByteOrder.LITTLE_ENDIAN);
        int columns = b.getShort(5) & 0xffff, params = b.getShort(7) & 0xffff;
        for (int k = 0; k < params + (params > 0 ? 1 : 0) + columns + (columns > 0 ? 1 : 0); k++) c.read();
        return b.getInt(1);
    }

    /** Reads whatever the server answers; stops when it closes, or (if allowed) when it stays silent. */
    private static void readUntilClosedOrTimeout(RawMySqlClient c, boolean silenceAllowed) throws IOException {
        c.soTimeout(silenceAllowed ? 200 : 5_000);
        boolean closed = c.closedByServer();
        if (!silenceAllowed) assertThat(closed).as("server closed or answered and closed").isTrue();
    }

    private static byte[] handshakePrefix() {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.writeBytes(new byte[] {(byte) 0x85, (byte) 0xa6, 0x0f, 0x00, 0, 0, 0, 1, 45});
        p.writeBytes(new byte[23]);
        p.writeBytes("root".getBytes(StandardCharsets.UTF_8));
        p.write(0);
        return p.toByteArray();
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
