package io.dbmesh.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A child process whose stdout and stderr go to files, so that a test failing on it can say what the
 * child printed and how it ended ({@link #describe()}). Files rather than pipes: a pipe nobody drains
 * blocks a chatty child, and a thread draining it may lose the last lines when the child exits.
 */
public final class CapturedProcess implements AutoCloseable {
    private static final AtomicInteger LAUNCHES = new AtomicInteger();

    private final List<String> command;
    private final Process process;
    private final Path out;
    private final Path err;

    private CapturedProcess(List<String> command, Process process, Path out, Path err) {
        this.command = command;
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code command} with its output in new files under {@code dir}. */
    public static CapturedProcess start(Path dir, List<String> command) throws IOException {
        return start(dir, command, Map.of(), false);
    }

    /** As {@link #start(Path, List)}, with {@code env} added to the child's environment; stdin is empty. */
    public static CapturedProcess start(Path dir, List<String> command, Map<String, String> env) throws IOException {
        return start(dir, command, env, true);
    }

    private static CapturedProcess start(Path dir, List<String> command, Map<String, String> env, boolean noStdin)
            throws IOException {
        int n = LAUNCHES.incrementAndGet();
        Path out = dir.resolve("process-" + n + ".out");
        Path err = dir.resolve("process-" + n + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(env);
        Process p = builder.start();
        if (noStdin) p.getOutputStream().close();
        return new CapturedProcess(List.copyOf(command), p, out, err);
    }

    public Process process() {
        return process;
    }

    /** Waits for the exit; false when the child still runs after the timeout. */
    public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        return process.waitFor(timeout, unit);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public int exitValue() {
        return process.exitValue();
    }

    /** What the child has written to stdout so far. */
    public String out() {
        return read(out);
    }

    /** What the child has written to stderr so far. */
    public String err() {
        return read(err);
    }

    public List<String> outLines() {
        return out().lines().toList();
    }

    /** For assertion messages: the command, whether and how it ended, and everything it printed. */
    public String describe() {
        String state = process.isAlive() ? "still running" : "exited with " + process.exitValue() + signal(process.exitValue());
        return "process " + process.pid() + " " + state + "\n  command: " + String.join(" ", command)
                + "\n  stdout: " + indent(out()) + "\n  stderr: " + indent(err());
    }

    /**
     * Exit codes above 128 are "killed by signal (code - 128)". A SIGTERM or SIGKILL the test did not
     * send comes from outside, e.g. a {@code pkill -f 'sql-proxy.*-all.jar'} on the same machine
     * cleaning up sidecars and hitting this one too: say so, or such a failure looks like a crash.
     */
    private static String signal(int exitCode) {
        return switch (exitCode) {
            case 130 -> " (SIGINT)";
            case 137 -> " (SIGKILL: if the test did not kill it, someone else did, or the OOM killer)";
            case 143 -> " (SIGTERM: if the test did not send it, another process did, e.g. a pkill -f matching the command)";
            default -> exitCode > 128 ? " (signal " + (exitCode - 128) + ")" : "";
        };
    }

    private static String indent(String text) {
        return text.isEmpty() ? "(empty)" : "\n    " + text.strip().replace("\n", "\n    ");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
