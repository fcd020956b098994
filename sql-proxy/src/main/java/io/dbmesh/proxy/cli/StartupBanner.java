package io.dbmesh.proxy.cli;

import io.dbmesh.proxy.Sidecar;
import java.time.Duration;
import java.time.Instant;

/** The lines printed once the sidecar listens: where, how fast, how to connect. */
final class StartupBanner {
    private StartupBanner() {
    }

    static void print(Sidecar sidecar, String source) {
        System.out.printf("dbmesh %s listening on %s:%d (%s; started in %d ms)%n", DbmeshCommand.Version.version(),
                sidecar.host(), sidecar.port(), source, millisSinceProcessStart());
        System.out.println("  logical databases: " + String.join(", ", sidecar.config().databases().keySet()));
    }

    /** Time from process start (as the OS recorded it) to now: what a user waits for. */
    static long millisSinceProcessStart() {
        return ProcessHandle.current().info().startInstant()
                .map(start -> Duration.between(start, Instant.now()).toMillis())
                .orElse(-1L);
    }
}
