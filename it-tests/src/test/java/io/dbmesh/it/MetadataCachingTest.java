package io.dbmesh.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MariaDB's metadata caching (MARIADB_CLIENT_CACHE_METADATA) through a passthrough sidecar: a
 * COM_STMT_EXECUTE whose columns the client holds (from PREPARE_OK or an earlier execution) is
 * answered without column definitions, byte for byte as MariaDB answers it; when the columns change
 * (ALTER TABLE under a prepared SELECT *), the definitions come again and the client reads the new
 * columns; text results carry the "definitions follow" byte as MariaDB's do.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetadataCachingTest {
    private static final long PID = ProcessHandle.current().pid();
    private static final String DB = "metacache_" + PID;
    /** MARIADB_CLIENT_CACHE_METADATA, the fifth of MariaDB's extended capability bits. */
    private static final int CACHE_METADATA = 1 << 4;
    private MariaDbInstance db;
    private SidecarFixture sidecar;

    @BeforeAll
    void start() throws SQLException {
        db = MariaDbServers.shared();
        db.recreateDatabase(DB);
        sidecar = SidecarFixture.passthrough(db, DB, DB);
        try (Connection c = sidecar.connect(DB); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE point_t (id INT PRIMARY KEY, c CHAR(20) NOT NULL)");
            st.execute("INSERT INTO point_t VALUES (1, 'one'), (2, 'two')");
            st.execute("CREATE TABLE alter_t (id INT PRIMARY KEY, v VARCHAR(10))");
            st.execute("INSERT INTO alter_t VALUES (1, 'a')");
        }
    }

    @AfterAll
    void stop() {
        if (sidecar != null) sidecar.close();
        db.execute("DROP DATABASE IF EXISTS " + DB);
    }

    /** Every packet of the answers to PREPARE and then three EXECUTEs of a point select, in hex. */
    private static List<String> pointSelects(int port, int mariadbCapabilities) throws IOException {
        try (RawMySqlClient c = new RawMySqlClient(port)) {
            byte[] login = c.handshake("root", "", DB, mariadbCapabilities);
            assertThat(RawMySqlClient.isOk(login)).as(RawMySqlClient.describe(login)).isTrue();
            c.command(0x16, "SELECT c FROM point_t WHERE id = ?".getBytes(StandardCharsets.UTF_8));
            byte[] ok = c.read();
            assertThat(ok[0]).as(RawMySqlClient.describe(ok)).isZero();
            for (int i = 0; i < 1 + 1 + 1 + 1; i++) c.read(); // 1 parameter, EOF, 1 column, EOF
            List<String> answers = new ArrayList<>();
            for (int id : new int[] {1, 2, 1}) {
                c.command(0x17, new byte[] {(byte) ok[1], (byte) ok[2], (byte) ok[3], (byte) ok[4], 0, 1, 0, 0, 0,
                        0, 1, 3, 0, (byte) id, 0, 0, 0}); // no null, types bound: LONG, the id
                StringBuilder answer = new StringBuilder();
                int eofs = 0;
                while (eofs < 2) {
                    byte[] packet = c.read();
                    answer.append(HexFormat.of().formatHex(packet)).append(' ');
                    if ((packet[0] & 0xff) == 0xfe && packet.length < 9) eofs++;
                    if (RawMySqlClient.isError(packet)) break;
                }
                answers.add(answer.toString().strip());
            }
            return answers;
        }
    }

    @Test
    void aRepeatedExecutionIsAnsweredWithoutDefinitionsAsMariaDbAnswersIt() throws IOException {
        List<String> direct = pointSelects(db.port(), CACHE_METADATA);
        List<String> through = pointSelects(sidecar.port(), CACHE_METADATA);
        assertThat(direct.get(0)).startsWith("0100 fe"); // MariaDB itself: 1 column, no definitions, EOF
        assertThat(through).isEqualTo(direct);
    }

    @Test
    void withoutTheCapabilityEveryExecutionCarriesItsDefinitions() throws IOException {
        List<String> through = pointSelects(sidecar.port(), -1);
        for (String answer : through) {
            assertThat(answer).startsWith("01 03646566"); // 1 column (no flag byte), then a definition ("def")
        }
        assertThat(through).isEqualTo(pointSelects(db.port(), -1));
    }

    @Test
    void aTextResultSaysItsDefinitionsFollowAsMariaDbDoes() throws IOException {
        List<String> answers = new ArrayList<>();
        for (int port : new int[] {db.port(), sidecar.port()}) {
            try (RawMySqlClient c = new RawMySqlClient(port)) {
                assertThat(RawMySqlClient.isOk(c.handshake("root", "", DB, CACHE_METADATA))).isTrue();
                answers.add(HexFormat.of().formatHex(c.query("SELECT c FROM point_t WHERE id = 1")));
            }
        }
        assertThat(answers).containsOnly("0101");
    }

    /** Connector/J negotiates the capability: a prepared SELECT * sees the column ALTER TABLE added. */
    @Test
    void connectorJReadsNewColumnsWhenTheTableChanges() throws SQLException {
        try (Connection c = DriverManager.getConnection(sidecar.mariadbUrl(DB) + "?useServerPrepStmts=true", "root", "");
             PreparedStatement ps = c.prepareStatement("SELECT * FROM alter_t WHERE id = ?")) {
            ps.setInt(1, 1);
            for (int i = 0; i < 3; i++) {
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.getMetaData().getColumnCount()).isEqualTo(2);
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString("v")).isEqualTo("a");
                }
            }
            try (Statement st = c.createStatement()) {
                st.execute("ALTER TABLE alter_t ADD COLUMN w INT NOT NULL DEFAULT 7");
            }
            for (int i = 0; i < 3; i++) {
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.getMetaData().getColumnCount()).isEqualTo(3);
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString("v")).isEqualTo("a");
                    assertThat(rs.getInt("w")).isEqualTo(7);
                }
            }
        }
    }
}
