package io.dbmesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The bytes a client writes are the bytes stored (issue 8, item 1): every client below writes
 * binary data (all 256 byte values, invalid UTF-8) and non-ASCII text (latin1 and UTF-8 clients)
 * the way it does by default — escaped {@code _binary'…'} or plain {@code '…'} literals in text
 * mode, string/blob parameters of COM_STMT_EXECUTE — once directly into MariaDB and once through
 * a passthrough and a sharded sidecar. The stored bytes, read back with {@code HEX()}, must be the
 * same in all three, and the binary values must be the bytes sent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ByteExactTest {
    private static final long PID = ProcessHandle.current().pid();
    private static final String DIRECT = "bytes_direct_" + PID, PHYSICAL = "bytes_pt_" + PID;
    private static final String DS0 = "bytes_sh0_" + PID, DS1 = "bytes_sh1_" + PID;
    private static final String TABLE = "CREATE TABLE IF NOT EXISTS t (id BIGINT PRIMARY KEY, b BLOB,"
            + " l VARCHAR(32) CHARACTER SET latin1, u VARCHAR(32) CHARACTER SET utf8mb4)";
    private static final byte[] ALL_BYTES = new byte[256];
    private static final String PYTHON = "/usr/bin/python3";

    static {
        for (int i = 0; i < 256; i++) ALL_BYTES[i] = (byte) i;
    }

    private MariaDbInstance db;
    private SidecarFixture passthrough;
    private SidecarFixture sharded;

    /** Where a client connects: MariaDB itself, or a sidecar, with the logical database name. */
    private record Target(String name, int port, String database) {
    }

    @BeforeAll
    void start() {
        db = MariaDbServers.shared();
        db.recreateDatabase(DIRECT);
        db.recreateDatabase(PHYSICAL);
        db.execute("DROP DATABASE IF EXISTS " + DS0, "DROP DATABASE IF EXISTS " + DS1);
        db.execute("CREATE TABLE " + DIRECT + "." + TABLE.substring("CREATE TABLE IF NOT EXISTS ".length()),
                "CREATE TABLE " + PHYSICAL + "." + TABLE.substring("CREATE TABLE IF NOT EXISTS ".length()));
        passthrough = SidecarFixture.passthrough(db, PHYSICAL, "bytespt");
        sharded = SidecarFixture.fromYaml("""
                users: [{name: root, password: "", databases: ["*"]}]
                data_sources:
                  ds_0: {url: "${DS0}", user: root, password: ""}
                  ds_1: {url: "${DS1}", user: root, password: ""}
                databases:
                  bytessh:
                    sharding:
                      default_data_source: ds_0
                      tables:
                        t: {key: id, nodes: "ds_[0..1].t", algorithm: mod}
                      schema:
                        - "%s"
                """.formatted(TABLE), Map.of("DS0", db.jdbcUrl(DS0), "DS1", db.jdbcUrl(DS1)));
    }

    @AfterAll
    void stop() {
        if (passthrough != null) passthrough.close();
        if (sharded != null) sharded.close();
        db.execute("DROP DATABASE IF EXISTS " + DIRECT, "DROP DATABASE IF EXISTS " + PHYSICAL,
                "DROP DATABASE IF EXISTS " + DS0, "DROP DATABASE IF EXISTS " + DS1);
    }

    private List<Target> targets() {
        return List.of(new Target("direct", db.port(), DIRECT), new Target("passthrough", passthrough.port(), "bytespt"),
                new Target("sharded", sharded.port(), "bytessh"));
    }

    /** id, HEX(b), HEX(l), HEX(u) of the rows with ids in [from, to), read through the target. */
    private List<String> rows(Target t, long from, long to) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + t.port() + "/" + t.database(), "root", "");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, HEX(b), HEX(l), HEX(u) FROM t WHERE id >= " + from + " AND id < " + to + " ORDER BY id")) {
            while (rs.next()) out.add(rs.getLong(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4));
        }
        return out;
    }

    /** Runs {@code write} against each target and checks every target stored what MariaDB stored directly. */
    private List<String> sameEverywhere(long from, long to, Writer write) throws Exception {
        List<String> expected = null;
        for (Target t : targets()) {
            write.to(t);
            List<String> stored = rows(t, from, to);
            if (expected == null) {
                expected = stored;
                assertThat(expected).as("rows written directly").isNotEmpty();
            } else {
                assertThat(stored).as("stored through " + t.name()).isEqualTo(expected);
            }
        }
        return expected;
    }

    private interface Writer {
        void to(Target t) throws Exception;
    }

    private static String hex(byte[] b) {
        return HexFormat.of().withUpperCase().formatHex(b);
    }

    private void jdbcBlobAndText(String url, long id) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "root", "");
             PreparedStatement ps = c.prepareStatement("INSERT INTO t (id, b, l, u) VALUES (?, ?, ?, ?)")) {
            ps.setLong(1, id);
            ps.setBytes(2, ALL_BYTES);
            ps.setString(3, "é'\\\"ü");
            ps.setString(4, "é😀'\\");
            ps.executeUpdate();
            ps.setLong(1, id + 1);
            ps.setBytes(2, new byte[]{(byte) 0xc3, 0x28, 0, (byte) 0xff, '\'', '\\', (byte) 0xed, (byte) 0xa0, (byte) 0x80});
            ps.setString(3, null);
            ps.setString(4, "plain");
            ps.executeUpdate();
        }
    }

    @Test
    void mariadbConnectorJTextAndServerPrepared() throws Exception {
        List<String> rows = sameEverywhere(100, 200, t -> {
            String base = "jdbc:mariadb://127.0.0.1:" + t.port() + "/" + t.database();
            jdbcBlobAndText(base, 100);
            jdbcBlobAndText(base + "?useServerPrepStmts=true", 110);
        });
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0)).startsWith("100 " + hex(ALL_BYTES) + " E9275C22FC C3A9F09F9880275C");
        assertThat(rows.get(1)).startsWith("101 C32800FF275CEDA080 null");
    }

    @Test
    void mysqlConnectorJTextAndServerPrepared() throws Exception {
        List<String> rows = sameEverywhere(200, 300, t -> {
            String base = "jdbc:mysql://127.0.0.1:" + t.port() + "/" + t.database() + "?sslMode=DISABLED&allowPublicKeyRetrieval=true";
            jdbcBlobAndText(base, 200);
            jdbcBlobAndText(base + "&useServerPrepStmts=true", 210);
        });
        assertThat(rows).hasSize(4);
        assertThat(rows.get(2)).startsWith("210 " + hex(ALL_BYTES) + " E9275C22FC C3A9F09F9880275C");
    }

    /** Escaped binary literals the way PyMySQL, mysqlclient, PHP and Perl write them, through the CLI in binary mode. */
    @Test
    void cliBinaryModeEscapedLiterals() throws Exception {
        ByteArrayOutputStream sql = new ByteArrayOutputStream();
        sql.writeBytes("INSERT INTO t (id, b) VALUES (300, _binary'".getBytes(StandardCharsets.US_ASCII));
        sql.writeBytes(escape(ALL_BYTES));
        sql.writeBytes("'), (301, '".getBytes(StandardCharsets.US_ASCII));
        sql.writeBytes(escape(ALL_BYTES));
        sql.writeBytes("'), (302, _binary 'a\\%\\_\\b\\t\\Z\\q''\"\"\\0');\n".getBytes(StandardCharsets.US_ASCII));
        List<String> rows = sameEverywhere(300, 400, t -> cli(t, sql.toByteArray(), "--binary-mode"));
        assertThat(rows.get(0)).isEqualTo("300 " + hex(ALL_BYTES) + " null null");
        assertThat(rows.get(1)).isEqualTo("301 " + hex(ALL_BYTES) + " null null");
    }

    /** A latin1 client's é (0xE9) is é in a latin1 column, C3A9 in a utf8mb4 one and E9 in a BLOB, as on MariaDB. */
    @Test
    void cliLatin1Client() throws Exception {
        byte[] e9 = {(byte) 0xe9};
        ByteArrayOutputStream sql = new ByteArrayOutputStream();
        for (String prefix : new String[]{"INSERT INTO t (id, b, l, u) VALUES (400, '", "INSERT INTO t (id, b, l, u) VALUES (402, _binary'"}) {
            sql.writeBytes(prefix.getBytes(StandardCharsets.US_ASCII));
            sql.writeBytes(e9);
            sql.writeBytes("\\'', '".getBytes(StandardCharsets.US_ASCII));
            sql.writeBytes(e9);
            sql.writeBytes("\u0080', '".getBytes(StandardCharsets.ISO_8859_1));
            sql.writeBytes(e9);
            sql.writeBytes(new byte[]{(byte) 0x80});
            sql.writeBytes("');\n".getBytes(StandardCharsets.US_ASCII));
        }
        // SET NAMES in the middle of a session: the next statements are latin1 too, then utf8mb4 again
        sql.writeBytes("SET NAMES utf8mb4;\nINSERT INTO t (id, u) VALUES (403, '".getBytes(StandardCharsets.US_ASCII));
        sql.writeBytes("é".getBytes(StandardCharsets.UTF_8));
        sql.writeBytes("');\nSET NAMES latin1;\nINSERT INTO t (id, u) VALUES (404, '".getBytes(StandardCharsets.US_ASCII));
        sql.writeBytes(e9);
        sql.writeBytes("');\n".getBytes(StandardCharsets.US_ASCII));
        List<String> rows = sameEverywhere(400, 500, t -> cli(t, sql.toByteArray(), "--default-character-set=latin1", "--binary-mode"));
        assertThat(rows).containsExactly("400 E927 E980 C3A9E282AC", "402 E927 E980 C3A9E282AC",
                "403 null null C3A9", "404 null null C3A9");
        // results come back in the client's character set too
        for (Target t : targets()) {
            byte[] out = cliOutput(t, "SELECT u FROM t WHERE id = 400".getBytes(StandardCharsets.US_ASCII), "--default-character-set=latin1", "-N", "-B");
            assertThat(hex(out)).as(t.name()).isEqualTo("E9800A");
        }
    }

    @Test
    void pymysqlBinaryAndLatin1() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of(PYTHON)) && run(List.of(PYTHON, "-c", "import pymysql"), null).exit == 0,
                "python3-pymysql not installed");
        String script = """
                import sys, pymysql
                port, db = int(sys.argv[1]), sys.argv[2]
                c = pymysql.connect(host='127.0.0.1', port=port, user='root', password='', database=db, charset='utf8mb4')
                with c.cursor() as cur:
                    cur.execute("INSERT INTO t (id, b, u) VALUES (%s, %s, %s)", (500, bytes(range(256)), "é😀'\\\\"))
                    cur.execute("INSERT INTO t (id, b) VALUES (%s, %s)", (501, b"\\xc3\\x28\\x00'\\\\\\xff"))
                c.commit()
                c = pymysql.connect(host='127.0.0.1', port=port, user='root', password='', database=db, charset='latin1')
                with c.cursor() as cur:
                    cur.execute("INSERT INTO t (id, b, l, u) VALUES (%s, %s, %s, %s)", (502, b"\\xe9", "é", "é"))
                c.commit()
                """;
        List<String> rows = sameEverywhere(500, 600, t -> {
            Proc p = run(List.of(PYTHON, "-c", script, Integer.toString(t.port()), t.database()), null);
            assertThat(p.exit).as("pymysql against " + t.name() + ": " + p.err).isZero();
        });
        assertThat(rows).containsExactly("500 " + hex(ALL_BYTES) + " null C3A9F09F9880275C", "501 C32800275CFF null null",
                "502 E9 E9 C3A9");
    }

    /** The escaping PyMySQL's escape_bytes / mysql_real_escape_string apply. */
    private static byte[] escape(byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : value) {
            switch (b) {
                case 0 -> out.writeBytes(new byte[]{'\\', '0'});
                case '\n' -> out.writeBytes(new byte[]{'\\', 'n'});
                case '\r' -> out.writeBytes(new byte[]{'\\', 'r'});
                case 0x1a -> out.writeBytes(new byte[]{'\\', 'Z'});
                case '\'', '"', '\\' -> out.writeBytes(new byte[]{'\\', b});
                default -> out.write(b);
            }
        }
        return out.toByteArray();
    }

    private record Proc(int exit, byte[] out, String err) {
    }

    private static Proc run(List<String> command, byte[] stdin) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).start();
        if (stdin != null) p.getOutputStream().write(stdin);
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("hung: " + command);
        }
        return new Proc(p.exitValue(), p.getInputStream().readAllBytes(), new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static List<String> cliCommand(Target t, String... options) {
        List<String> cmd = new ArrayList<>(List.of("mariadb", "-h127.0.0.1", "-P" + t.port(), "-uroot", "--skip-ssl", "--connect-timeout=5"));
        cmd.addAll(List.of(options));
        cmd.add(t.database());
        return cmd;
    }

    private static void cli(Target t, byte[] sql, String... options) throws IOException, InterruptedException {
        Proc p = run(cliCommand(t, options), sql);
        assertThat(p.exit).as("mariadb against " + t.name() + ": " + p.err).isZero();
    }

    private static byte[] cliOutput(Target t, byte[] sql, String... options) throws IOException, InterruptedException {
        Proc p = run(cliCommand(t, options), sql);
        assertThat(p.exit).as("mariadb against " + t.name() + ": " + p.err).isZero();
        return p.out;
    }
}
