package io.dbmesh.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dbmesh.proxy.config.DataSourceConfig;
import io.dbmesh.proxy.config.DbmeshConfig;
import io.dbmesh.proxy.config.ListenerConfig;
import io.dbmesh.proxy.config.LogicalDatabaseConfig;
import io.dbmesh.proxy.config.TlsConfig;
import io.dbmesh.proxy.config.UserConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The session state a default {@code mariadb-dump} file sets at its head and restores at its tail —
 * all of it in executable comments ({@code /*!40103 SET TIME_ZONE='+00:00' *}{@code /},
 * {@code /*M!999999\- …}, …) — is tracked right and replays as valid SQL on other backend
 * connections. A real dump is restored with the {@code mariadb} CLI through the sidecar, with moves
 * to other backend connections forced in between (LOCK TABLES … UNLOCK TABLES closes the connection
 * that held the locks), and the state seen at each step is compared with the same script run
 * straight on MariaDB.
 */
class DumpSessionStateTest {
    private static final String SOURCE = "session_dump_src";
    private static final String DIRECT = "session_dump_direct";
    private static final String TARGET = "session_dump_dst";
    /** The state a dump sets, as columns of a SELECT. */
    private static final String PROBE = "@@time_zone, @@unique_checks, @@foreign_key_checks, @@session.sql_mode,"
            + " @@sql_notes, @@character_set_client, @@character_set_results, @@collation_connection,"
            + " @OLD_TIME_ZONE, @OLD_SQL_MODE, @OLD_UNIQUE_CHECKS, @OLD_FOREIGN_KEY_CHECKS, @OLD_SQL_NOTES,"
            + " @OLD_CHARACTER_SET_CLIENT";
    /** The restored rows as the session's time zone shows them. */
    private static final String ROWS = ", (SELECT COUNT(*) FROM t), (SELECT GROUP_CONCAT(ts) FROM t)";
    private static SidecarFixture sidecar;
    private static MariaDbInstance backend;
    private static String dump;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(MariaDbCli.installed(), "mariadb client not installed");
        assumeTrue(onPath("mariadb-dump"), "mariadb-dump not installed");
        backend = MariaDbServers.shared();
        for (String db : List.of(SOURCE, DIRECT, TARGET)) backend.recreateDatabase(db);
        backend.execute("CREATE TABLE " + SOURCE + ".t (id INT PRIMARY KEY, v VARCHAR(20), ts TIMESTAMP NULL)",
                "INSERT INTO " + SOURCE + ".t VALUES (1, 'o''neil', '2026-01-02 03:04:05'), (2, NULL, NULL)",
                "CREATE TABLE " + DIRECT + ".mover (id INT)", "CREATE TABLE " + TARGET + ".mover (id INT)");
        dump = mariadbDump(SOURCE);
        assertThat(dump).contains("/*!40103 SET TIME_ZONE='+00:00' */;").contains("LOCK TABLES `t` WRITE;");
        DataSourceConfig ds = new DataSourceConfig("ds0", backend.jdbcUrl(TARGET), backend.user(), backend.password(),
                new DataSourceConfig.PoolConfig(2, 1, Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofMinutes(30)));
        sidecar = SidecarFixture.start(new DbmeshConfig(new ListenerConfig("127.0.0.1", 0, 64, 64L << 20,
                ListenerConfig.DEFAULT_VERSION), new TlsConfig(false, null, null, false),
                List.of(new UserConfig("root", "", Set.of("*"), "mysql_native_password")), Map.of("ds0", ds),
                Map.of("restored", new LogicalDatabaseConfig("restored", "ds0"))));
    }

    @AfterAll
    static void stop() {
        if (sidecar != null) sidecar.close();
        if (backend != null) for (String db : List.of(SOURCE, DIRECT, TARGET)) backend.execute("DROP DATABASE IF EXISTS " + db);
    }

    @Test
    void headAndTailOfARealDumpKeepTheirStateAcrossBackendConnections() throws Exception {
        int body = dump.indexOf("--\n-- Table structure");
        int tail = dump.indexOf("/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;");
        assertThat(body).isPositive();
        assertThat(tail).isGreaterThan(body);
        String script = dump.substring(0, body)
                + "SELECT 'head', " + PROBE + ";\n"
                + "SELECT 'connection', @@pseudo_thread_id;\n"
                + "LOCK TABLES mover READ;\nUNLOCK TABLES;\n" // the session's connection is closed: the next one replays
                + "SELECT 'connection', @@pseudo_thread_id;\n"
                + "SELECT 'moved', " + PROBE + ";\n"
                + dump.substring(body, tail)
                + "SELECT 'connection', @@pseudo_thread_id;\n"
                + "SELECT 'body', " + PROBE + ROWS + ";\n"
                + dump.substring(tail)
                + "LOCK TABLES mover READ;\nUNLOCK TABLES;\n"
                + "SELECT 'connection', @@pseudo_thread_id;\n"
                + "SELECT 'tail', " + PROBE + ROWS + ";\n";
        // the handshake's character set is the bytes work's (issue 8 item 1): the same for both runs here
        MariaDbCli.Run direct = MariaDbCli.run(backend.port(), backend.user(), backend.password(), script,
                "--batch", "--skip-column-names", "--default-character-set=utf8mb4", DIRECT);
        assertThat(direct.err()).isEmpty();
        MariaDbCli.Run proxied = MariaDbCli.run(sidecar.port(), "root", "", script, "--batch", "--skip-column-names",
                "--default-character-set=utf8mb4", "restored");
        assertThat(proxied.err()).isEmpty();
        assertThat(proxied.exitCode()).isZero();
        assertThat(withoutConnections(proxied.out())).isEqualTo(withoutConnections(direct.out()));
        assertThat(withoutConnections(direct.out())).hasSize(4).anySatisfy(line ->
                assertThat(line).startsWith("head\t+00:00\t0\t0\tNO_AUTO_VALUE_ON_ZERO\t0\t"));
        List<String> connections = connections(proxied.out());
        assertThat(connections).hasSize(4);
        assertThat(connections.get(1)).as("moved to another backend connection").isNotEqualTo(connections.get(0));
        assertThat(connections.get(3)).as("moved again before the tail's probe").isNotEqualTo(connections.get(2));
        // and the data arrived as it left
        MariaDbCli.Run rows = MariaDbCli.run(sidecar.port(), "root", "", null, "--batch", "--skip-column-names", "restored",
                "-e", "SELECT id, v, ts FROM t ORDER BY id");
        assertThat(rows.out()).isEqualTo("1\to'neil\t2026-01-02 03:04:05\n2\tNULL\tNULL\n");
    }

    private static List<String> withoutConnections(String out) {
        return out.lines().filter(l -> !l.startsWith("connection\t")).toList();
    }

    private static List<String> connections(String out) {
        return out.lines().filter(l -> l.startsWith("connection\t")).toList();
    }

    private static String mariadbDump(String database) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("mariadb-dump", "-h" + backend.host(), "-P" + backend.port(),
                "-u" + backend.user(), "--skip-ssl"));
        if (backend.password() != null && !backend.password().isEmpty()) cmd.add("-p" + backend.password());
        cmd.add(database);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("mariadb-dump failed: " + new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, program))) return true;
        }
        return java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin", program));
    }
}
