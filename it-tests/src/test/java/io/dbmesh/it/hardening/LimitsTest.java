package io.dbmesh.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dbmesh.it.BackendPools;
import io.dbmesh.it.RawMySqlClient;
import io.dbmesh.it.SidecarFixture;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The memory a client can take is bounded (issue 9, item 4): prepared statements per connection,
 * in total and by text size (1461/42000), long data per statement (1153 at execute), and packets
 * before login (refused at the header, connection closed, nothing buffered).
 */
class LimitsTest {
    private static final String PHYSICAL = "hardening_limits";
    private static SidecarFixture sidecar;

    @RegisterExtension
    final BackendPools pools = BackendPools.after(() -> sidecar);

    @BeforeAll
    static void start() {
        sidecar = HardeningSidecar.start(PHYSICAL, """
                users: [{name: root, password: ""}]
                data_sources:
                  ds0: {url: "${URL}", user: "${USER}", password: "${PASSWORD}"}
                databases:
                  app: {data_source: ds0}
                limits:
                  prepared_statements_per_connection: 5
                  prepared_statements: 8
                  prepared_statement_bytes: 4KiB
                  long_data_per_statement: 64KiB
                  pre_auth_packet: 4KiB
                """);
    }

    @AfterAll
    static void stop() {
        HardeningSidecar.stop(sidecar, PHYSICAL);
    }

    private static Connection connect() throws SQLException {
        // no client-side statement cache: a closed statement is closed on the server (COM_STMT_CLOSE)
        return DriverManager.getConnection(sidecar.mariadbUrl("app") + "?useServerPrepStmts=true&cachePrepStmts=false",
                "root", "");
    }

    private static PreparedStatement prepare(Connection c, String sql) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        try (ResultSet rs = ps.executeQuery()) { // Connector/J prepares SELECTs on first execution
            assertThat(rs.next()).isTrue();
        }
        return ps;
    }

    @Test
    void preparedStatementsPerConnection() throws Exception {
        try (Connection c = connect()) {
            List<PreparedStatement> held = new ArrayList<>();
            for (int i = 0; i < 5; i++) held.add(prepare(c, "SELECT " + i));
            SQLException e = catchThrowableOfType(SQLException.class, () -> prepare(c, "SELECT 5"));
            assertThat(e.getErrorCode()).as(e.getMessage()).isEqualTo(1461);
            assertThat(e.getSQLState()).isEqualTo("42000");
            assertThat(e.getMessage()).contains("max_prepared_stmt_count").contains("limits.prepared_statements_per_connection");
            held.remove(0).close(); // COM_STMT_CLOSE frees its place
            held.add(prepare(c, "SELECT 5"));
            for (PreparedStatement ps : held) ps.close();
        }
    }

    @Test
    void preparedStatementsOfAllConnections() throws Exception {
        try (Connection a = connect(); Connection b = connect()) {
            for (int i = 0; i < 5; i++) prepare(a, "SELECT " + i);
            for (int i = 0; i < 3; i++) prepare(b, "SELECT " + i);
            SQLException e = catchThrowableOfType(SQLException.class, () -> prepare(b, "SELECT 3"));
            assertThat(e.getErrorCode()).as(e.getMessage()).isEqualTo(1461);
            assertThat(e.getSQLState()).isEqualTo("42000");
            assertThat(e.getMessage()).contains("limits.prepared_statements");
            a.close(); // a session's statements go with it
            prepare(b, "SELECT 3");
        }
    }

    @Test
    void preparedStatementTextOfAllConnections() throws Exception {
        try (Connection c = connect()) {
            String big = "SELECT '" + "x".repeat(3000) + "'";
            prepare(c, big).close();
            try (PreparedStatement held = prepare(c, big)) {
                SQLException e = catchThrowableOfType(SQLException.class, () -> prepare(c, big + " AS again"));
                assertThat(e.getErrorCode()).as(e.getMessage()).isEqualTo(1461);
                assertThat(e.getSQLState()).isEqualTo("42000");
                assertThat(e.getMessage()).contains("limits.prepared_statement_bytes");
            }
            prepare(c, big + " AS again").close(); // closing gave the bytes back
        }
    }

    @Test
    void longDataPerStatementIsBoundedAndAnsweredAtExecute() throws Exception {
        try (RawMySqlClient c = RawMySqlClient.login(sidecar.port(), "root", "", "app")) {
            int id = prepareRaw(c, "SELECT LENGTH(?)");
            sendLongData(c, id, 40 << 10);
            sendLongData(c, id, 40 << 10); // 80 KiB in all > 64 KiB
            byte[] err = executeWithLongData(c, id);
            assertThat(RawMySqlClient.errorCode(err)).as(RawMySqlClient.describe(err)).isEqualTo(1153);
            assertThat(RawMySqlClient.errorMessage(err)).contains("limits.long_data_per_statement");
            // the data was dropped, the statement and the connection still work
            sendLongData(c, id, 30 << 10);
            sendLongData(c, id, 30 << 10);
            byte[] first = executeWithLongData(c, id);
            assertThat(first[0]).as(RawMySqlClient.describe(first)).isEqualTo((byte) 1); // one column
            c.read(); // column definition
            c.read(); // EOF
            byte[] row = c.read();
            ByteBuffer value = ByteBuffer.wrap(row).order(ByteOrder.LITTLE_ENDIAN); // 0x00, null bitmap, INT or BIGINT
            long length = row.length >= 10 ? value.getLong(2) : value.getInt(2);
            assertThat(length).isEqualTo(60 << 10);
            c.read(); // EOF
            assertThat(RawMySqlClient.isOk(c.query("DO 1"))).isTrue();
        }
    }

    @Test
    void oversizedPacketBeforeLoginIsRefusedAtItsHeader() throws Exception {
        long directBefore = PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory();
        List<RawMySqlClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                RawMySqlClient c = new RawMySqlClient(sidecar.port());
                clients.add(c);
                c.greeting();
                long started = System.nanoTime();
                // a 48 MiB handshake response: three full 16 MiB frames and an empty one; the first header says 0xFFFFFF
                c.writeHeader(0xFFFFFF, 1);
                byte[] answer = c.read();
                assertThat(RawMySqlClient.errorCode(answer)).as(RawMySqlClient.describe(answer)).isEqualTo(1153);
                assertThat(RawMySqlClient.sqlState(answer)).isEqualTo("08S01");
                assertThat(RawMySqlClient.errorMessage(answer)).contains("limits.pre_auth_packet");
                // whatever the client still sends is not read: the connection is closed at once
                try {
                    byte[] chunk = new byte[1 << 20];
                    for (int mb = 0; mb < 48; mb++) c.writeRaw(chunk);
                } catch (IOException expected) {
                    // reset by the server
                }
                assertThat(c.closedByServer()).isTrue();
                assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5_000);
            }
            long grown = PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory() - directBefore;
            assertThat(grown).as("direct memory taken by two 48 MiB pre-login packets").isLessThan(8L << 20);
        } finally {
            for (RawMySqlClient c : clients) c.close();
        }
        // a normal login still works, and a handshake just under the limit is fine
        try (RawMySqlClient c = RawMySqlClient.login(sidecar.port(), "root", "", "app")) {
            assertThat(RawMySqlClient.isOk(c.query("DO 1"))).isTrue();
        }
    }

    // ---- raw binary protocol ----

    private static int prepareRaw(RawMySqlClient c, String sql) throws IOException {
        c.command(0x16, sql.getBytes(StandardCharsets.UTF_8));
        byte[] ok = c.read();
        assertThat(ok[0]).as(RawMySqlClient.describe(ok)).isEqualTo((byte) 0);
        ByteBuffer b = ByteBuffer.wrap(ok).order(ByteOrder.LITTLE_ENDIAN);
        int id = b.getInt(1);
        int columns = b.getShort(5) & 0xffff;
        int params = b.getShort(7) & 0xffff;
        if (params > 0) {
            for (int i = 0; i < params; i++) c.read();
            c.read(); // EOF
        }
        if (columns > 0) {
            for (int i = 0; i < columns; i++) c.read();
            c.read(); // EOF
        }
        return id;
    }

    private static void sendLongData(RawMySqlClient c, int statementId, int size) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN).putInt(statementId).putShort((short) 0).array());
        body.writeBytes(new byte[size]);
        c.command(0x18, body.toByteArray()); // COM_STMT_SEND_LONG_DATA: no answer
    }

    /** COM_STMT_EXECUTE of a one-parameter statement whose value was sent as long data (a BLOB). */
    private static byte[] executeWithLongData(RawMySqlClient c, int statementId) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 + 1 + 4 + 1 + 1 + 2).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(statementId).put((byte) 0).putInt(1).put((byte) 0).put((byte) 1).put((byte) 0xfc).put((byte) 0);
        c.command(0x17, b.array());
        return c.read();
    }
}
