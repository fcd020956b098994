package io.dbmesh.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The {@code mariadb} command-line client run as a process against a port (the sidecar or a server). */
public final class MariaDbCli {

    public record Run(int exitCode, String out, String err) {
    }

    private MariaDbCli() {
    }

    public static boolean installed() {
        if (Files.isExecutable(Path.of("/usr/bin/mariadb"))) return true;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "mariadb"))) return true;
        }
        return false;
    }

    /** Runs {@code mariadb -h127.0.0.1 -P<port> -u<user> [args]} with {@code stdin} (may be null). */
    public static Run run(int port, String user, String password, String stdin, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("mariadb", "-h127.0.0.1", "-P" + port, "-u" + user,
                "--skip-ssl", "--connect-timeout=5"));
        if (password != null && !password.isEmpty()) cmd.add("-p" + password);
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        if (stdin != null) p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("mariadb CLI hung: " + cmd);
        }
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
