package io.dbmesh.it.compat;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Base of the compatibility matrix: a subclass names one {@link ClientProgram} and has one test per
 * sidecar {@link Target} (so that one case can be disabled alone). Each test runs the program on
 * MariaDB itself (once per JVM) and through the sidecar and requires the same output, line for line.
 * A client not installed here skips the test with what to install; under CI ({@code CI=true}) it
 * fails instead, because {@code .ci/run} installs every client.
 */
abstract class ClientCompatTest {
    private static final Map<String, ProgramRun> DIRECT_RUNS = new ConcurrentHashMap<>();

    @TempDir
    static Path workDir;

    protected abstract ClientProgram program();

    /** First {@code t_user} key this client's rows use (clients share the tables, not the keys). */
    protected abstract int base();

    protected void assertSameAsOnMariaDb(Target target) throws Exception {
        ClientProgram program = program();
        Optional<String> missing = program.unavailable();
        if (missing.isPresent()) {
            if ("true".equals(System.getenv("CI"))) fail(missing.get() + " (.ci/run should have installed it)");
            assumeTrue(false, missing.get());
        }
        CompatTargets targets = CompatTargets.shared();
        ProgramRun direct = DIRECT_RUNS.computeIfAbsent(program.name(), n -> run(program, targets.endpoint(Target.DIRECT)));
        assertThat(direct.exitCode()).as("%s on MariaDB itself (the reference must run clean):\n%s", program.name(), direct.describe()).isZero();
        assertThat(direct.out()).as("%s on MariaDB itself", program.name()).contains("done | failed steps: none");

        ProgramRun through = run(program, targets.endpoint(target));
        assertThat(through.out())
                .as("%s through the %s sidecar must print what it prints on MariaDB\n(through the sidecar: %s)",
                        program.name(), target, through.describe())
                .isEqualTo(direct.out());
        assertThat(through.exitCode()).as("%s through the %s sidecar: %s", program.name(), target, through.describe()).isZero();
    }

    private ProgramRun run(ClientProgram program, Endpoint endpoint) {
        try {
            return program.run(endpoint, base(), workDir);
        } catch (Exception e) {
            throw new AssertionError(program.name() + " against " + endpoint.target() + ": " + e, e);
        }
    }
}
