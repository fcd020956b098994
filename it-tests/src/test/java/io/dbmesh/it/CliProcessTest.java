package io.dbmesh.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real command line: the shaded jar in its own JVM, as {@code bin/dbmesh} runs it. Skipped when
 * the jar has not been built (e.g. {@code mvn test -pl it-tests} without {@code package}).
 */
class CliProcessTest {
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+) .*started in (\\d+) ms");
    private static Path jar;

    @TempDir
    Path dir;

    @BeforeAll
    static void findJar() throws IOException {
        Path target = Path.of("..", "sql-proxy", "target");
        Optional<Path> found = Optional.empty();
        if (Files.isDirectory(target)) {
            try (Stream<Path> files = Files.list(target)) {
                found = files.filter(p -> p.getFileName().toString().matches("sql-proxy-.*-all\\.jar")).findFirst();
            }
        }
        assumeTrue(found.isPresent(), "sql-proxy fat jar not built");
        jar = found.get();
    }

    /** The jar in a JVM of its own, with stdout and stderr kept for the failure messages. */
    private CapturedProcess launch(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-XX:+UseSerialGC", "-Xmx192m", "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        return CapturedProcess.start(dir, cmd);
    }

    /** Waits for the exit; a child still running after 30 s fails the test with what it printed. */
    private static void awaitExit(CapturedProcess p) throws InterruptedException {
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as(() -> "exit within 30 s: " + p.describe()).isTrue();
    }

    @Test
    void versionAndHelp() throws Exception {
        try (CapturedProcess p = launch("--version")) {
            awaitExit(p);
            assertThat(p.out()).as(p::describe).startsWith("dbmesh 0.");
            assertThat(p.exitValue()).as(p::describe).isZero();
        }
        try (CapturedProcess help = launch("--help")) {
            awaitExit(help);
            assertThat(help.out()).as(help::describe).contains("start").contains("quickstart");
        }
    }

    @Test
    void invalidConfigRefusesToStartWithOneLineAndExitCode2() throws Exception {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, """
                users: [{ name: root }]
                data_sources:
                  ds0: { url: "jdbc:mariadb://127.0.0.1:3306/it_cli_bad", user: root }
                databases:
                  demo: { data_source: ds9 }
                """);
        try (CapturedProcess p = launch("start", "--config", config.toString())) {
            awaitExit(p);
            String err = p.err();
            assertThat(p.exitValue()).as(p::describe).isEqualTo(2);
            assertThat(err.strip().lines()).as(p::describe).hasSize(1);
            assertThat(err).startsWith("dbmesh: invalid configuration: " + config + ":5:").contains("unknown data source 'ds9'")
                    .doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void checkOnlyValidates() throws Exception {
        Path config = dir.resolve("ok.yaml");
        Files.writeString(config, passthroughYaml(0));
        try (CapturedProcess p = launch("start", "--config", config.toString(), "--check")) {
            awaitExit(p);
            assertThat(p.exitValue()).as(p::describe).isZero();
            assertThat(p.out()).as(p::describe).contains("is valid");
        }
    }

    @Test
    void startsServesAndStopsOnSigterm() throws Exception {
        MariaDbServers.shared().recreateDatabase("it_cli_start");
        Path config = dir.resolve("ok.yaml");
        Files.writeString(config, passthroughYaml(0));
        try (CapturedProcess p = launch("start", "--config", config.toString())) {
            Matcher m = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (m == null && System.nanoTime() < deadline && p.isAlive()) {
                m = p.outLines().stream().map(LISTENING::matcher).filter(Matcher::find).findFirst().orElse(null);
                Thread.sleep(20);
            }
            if (m == null) { // it may have printed the line just before it exited or the deadline passed
                m = p.outLines().stream().map(LISTENING::matcher).filter(Matcher::find).findFirst().orElse(null);
            }
            assertThat(m).as(() -> "a 'listening on' line: " + p.describe()).isNotNull();
            int port = Integer.parseInt(m.group(1));
            long startupMillis = Long.parseLong(m.group(2));
            assertThat(startupMillis).as("start-up time (target 1500 ms on an idle machine)").isBetween(1L, 20_000L);
            try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/demo", "root", "");
                 ResultSet rs = c.createStatement().executeQuery("SELECT DATABASE()")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("demo");
            }
            p.process().destroy(); // SIGTERM: the shutdown hook closes server and pools
            awaitExit(p);
            assertThat(p.exitValue()).as(p::describe).isEqualTo(143);
            assertThat(p.outLines()).as(p::describe).contains("dbmesh: stopping");
        } finally {
            MariaDbServers.shared().execute("DROP DATABASE IF EXISTS it_cli_start");
        }
    }

    @Test
    void portInUseFailsWithOneLineAndExitCode1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Path config = dir.resolve("busy.yaml");
            Files.writeString(config, passthroughYaml(taken.getLocalPort()));
            try (CapturedProcess p = launch("start", "--config", config.toString())) {
                awaitExit(p);
                assertThat(p.exitValue()).as(p::describe).isEqualTo(1);
                assertThat(p.err()).as(p::describe).contains("dbmesh: could not start").containsIgnoringCase("address already in use")
                        .doesNotContain("\tat ");
            }
        }
    }

    private static String passthroughYaml(int port) {
        MariaDbInstance db = MariaDbServers.shared();
        return """
                listener: { host: 127.0.0.1, port: %d }
                users: [{ name: root, password: "" }]
                data_sources:
                  ds0: { url: "jdbc:mariadb://%s:%d/it_cli_start", user: "%s", password: "%s" }
                databases:
                  demo: { data_source: ds0 }
                """.formatted(port, db.host(), db.port(), db.user(), db.password());
    }
}
