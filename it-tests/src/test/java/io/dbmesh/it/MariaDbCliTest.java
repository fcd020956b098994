package io.dbmesh.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The {@code mariadb} command-line client in batch mode through the sidecar. */
class MariaDbCliTest {
    private static SidecarFixture sidecar;

    @BeforeAll
    static void start() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/mariadb")) || onPath("mariadb"), "mariadb client not installed");
        MariaDbInstance db = MariaDbServers.shared();
        db.recreateDatabase("it_cli");
        sidecar = SidecarFixture.passthrough(db, "it_cli", "demo");
    }

    @AfterAll
    static void stop() {
        if (sidecar != null) {
            sidecar.close();
        }
        MariaDbServers.shared().execute("DROP DATABASE IF EXISTS it_cli");
    }

    record Run(int exitCode, String out, String err) {
    }

    private static Run mariadb(String stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("mariadb", "-h127.0.0.1", "-P" + sidecar.port(), "-uroot",
                "--skip-ssl", "--connect-timeout=5"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("mariadb CLI hung: " + cmd);
        }
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void executesStatementsGivenWithDashE() throws Exception {
        Run run = mariadb(null, "--batch", "demo", "-e",
                "CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(20)); INSERT INTO t VALUES (1,'one'),(2,NULL);"
                        + " SELECT id, name FROM t ORDER BY id");
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("id\tname\n1\tone\n2\tNULL\n");
    }

    @Test
    void runsAPipedScript() throws Exception {
        String script = """
                CREATE TABLE script_t (k VARCHAR(10) PRIMARY KEY, v INT);
                INSERT INTO script_t VALUES ('a', 1), ('b', 2), ('c', 3);
                UPDATE script_t SET v = v * 10 WHERE k <> 'b';
                SELECT k, v FROM script_t ORDER BY k;
                SELECT DATABASE();
                SELECT COUNT(*) FROM script_t;
                """;
        Run run = mariadb(script, "--batch", "--skip-column-names", "demo");
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("a\t10\nb\t2\nc\t30\ndemo\n3\n");
    }

    @Test
    void reportsErrorsLikeAServer() throws Exception {
        Run run = mariadb(null, "--batch", "demo", "-e", "SELECT * FROM missing_table");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("ERROR 1146 (42S02)").contains("missing_table");
    }

    @Test
    void unknownDatabaseIsRefused() throws Exception {
        Run run = mariadb(null, "--batch", "nosuchdb", "-e", "SELECT 1");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("ERROR 1049 (42000)").contains("Unknown database 'nosuchdb'");
    }

    @Test
    void tlsWithTheSelfSignedCertificate() throws Exception {
        var plain = SidecarFixture.passthroughConfig(MariaDbServers.shared(), "it_cli", "demo",
                sidecar.sidecar().config().users());
        var withTls = new io.dbmesh.proxy.config.DbmeshConfig(plain.listener(), io.dbmesh.proxy.config.TlsConfig.SELF_SIGNED,
                plain.users(), plain.dataSources(), plain.databases());
        try (SidecarFixture tls = SidecarFixture.start(withTls)) {
            Process p = new ProcessBuilder("mariadb", "-h127.0.0.1", "-P" + tls.port(), "-uroot", "--ssl", "demo",
                    "-e", "status").redirectErrorStream(true).start();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).containsPattern("SSL:\\s+Cipher in use is TLS_");
        }
    }

    @Test
    void wrongPasswordIsRefused() throws Exception {
        Run run = mariadb(null, "--batch", "-pwrong", "demo", "-e", "SELECT 1");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("ERROR 1045 (28000)");
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
