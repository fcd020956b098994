package io.dbmesh.it.compat;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One client of the compatibility matrix: a small program doing the steps of
 * {@code src/test/resources/compat/README.md} (connect, DDL, CRUD with awkward values, a transaction,
 * prepared statements, metadata) and printing canonical lines, so that its output on the sidecar can
 * be compared with its output on MariaDB itself.
 */
public interface ClientProgram {

    String name();

    /** Empty when the client is installed here; else what is missing (the test is skipped, or fails in CI). */
    Optional<String> unavailable();

    /** Runs the program against {@code endpoint}; {@code base} is its first {@code t_user} key. */
    ProgramRun run(Endpoint endpoint, int base, Path workDir) throws Exception;
}
