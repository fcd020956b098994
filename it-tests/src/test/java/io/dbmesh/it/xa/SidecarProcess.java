package io.dbmesh.it.xa;

import io.dbmesh.it.CapturedProcess;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sidecar as a process of its own (this JVM's classpath, {@code dbmesh start --config}), so a
 * test can kill -9 it or let an armed fault point halt it mid-commit.
 */
final class SidecarProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
    private final CapturedProcess process;
    private final int port;

    private SidecarProcess(CapturedProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts it and waits until it listens; {@code fault} arms {@code -Ddbmesh.fault} (null: none). */
    static SidecarProcess start(Path dir, Path config, String fault) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-XX:+UseSerialGC", "-Xmx192m", "-XX:TieredStopAtLevel=1", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path")));
        if (fault != null) cmd.add("-Ddbmesh.fault=" + fault);
        cmd.addAll(List.of("io.dbmesh.proxy.cli.DbmeshCommand", "start", "--config", config.toString()));
        CapturedProcess p = CapturedProcess.start(dir, cmd);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            Matcher m = p.outLines().stream().map(LISTENING::matcher).filter(Matcher::find).findFirst().orElse(null);
            if (m != null) return new SidecarProcess(p, Integer.parseInt(m.group(1)));
            if (!p.isAlive()) throw new IllegalStateException("sidecar did not start: " + p.describe());
            Thread.sleep(50);
        }
        p.close();
        throw new IllegalStateException("sidecar not listening within 90 s: " + p.describe());
    }

    int port() {
        return port;
    }

    String url() {
        return "jdbc:mariadb://127.0.0.1:" + port + "/bank?connectTimeout=2000&socketTimeout=20000";
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** kill -9. */
    void kill() throws InterruptedException {
        process.process().destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    boolean waitFor(long ms) throws InterruptedException {
        return process.waitFor(ms, TimeUnit.MILLISECONDS);
    }

    String describe() {
        return process.describe();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) kill();
        process.close();
    }
}
