package io.dbmesh.it.compat;

import io.dbmesh.it.CapturedProcess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * A client program run as a child process (Python, PHP, Perl, Node, the MariaDB command-line tools),
 * from the scripts in {@code src/test/resources/compat}. {@code probe} is a command that succeeds only
 * where the client and its driver are installed; {@code install} names what provides them.
 */
public record ExternalProgram(String name, List<String> probe, String install,
                              BiFunction<Endpoint, Integer, List<String>> command) implements ClientProgram {

    /** The folder of the program scripts. */
    public static final Path SCRIPTS = Path.of("src", "test", "resources", "compat").toAbsolutePath();

    /** Debian's interpreter: the python3 of a version manager first on PATH lacks the apt-installed drivers. */
    public static String python() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    /** Where {@code .ci/run} installs npm packages for the compat programs (outside the clone: a cache). */
    public static Path nodeModules() {
        String configured = System.getenv("DBMESH_COMPAT_NODE");
        if (configured != null && !configured.isEmpty()) return Path.of(configured, "node_modules");
        String cache = System.getenv("XDG_CACHE_HOME");
        Path base = cache != null && !cache.isEmpty() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("dbmesh").resolve("compat-node").resolve("node_modules");
    }

    public static String script(String file) {
        return SCRIPTS.resolve(file).toString();
    }

    @Override
    public Optional<String> unavailable() {
        try {
            ProcessBuilder pb = new ProcessBuilder(probe).redirectErrorStream(true);
            pb.environment().put("NODE_PATH", nodeModules().toString());
            Process p = pb.start();
            p.getOutputStream().close();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.of(name + ": probe " + probe + " hung");
            }
            return p.exitValue() == 0 ? Optional.empty()
                    : Optional.of(name + " is not installed (" + install + "): " + String.join(" ", probe) + " said: " + output.strip());
        } catch (Exception e) {
            return Optional.of(name + " is not installed (" + install + "): " + e.getMessage());
        }
    }

    @Override
    public ProgramRun run(Endpoint endpoint, int base, Path workDir) throws Exception {
        List<String> cmd = new ArrayList<>(command.apply(endpoint, base));
        try (CapturedProcess p = CapturedProcess.start(workDir, cmd, java.util.Map.of("NODE_PATH", nodeModules().toString()))) {
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                throw new AssertionError(name + " against " + endpoint.target() + " hung:\n" + p.describe());
            }
            return new ProgramRun(p.exitValue(), p.out(), p.err());
        }
    }
}
