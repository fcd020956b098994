package io.dbmesh.proxy.cli;

import io.dbmesh.proxy.Sidecar;

/** The lines printed once the sidecar listens: where, how fast, how to connect. */
final class StartupBanner {
    private StartupBanner() {
    }

    static void print(Sidecar sidecar, String source) {
        System.out.printf("dbmesh %s listening on %s:%d (%s; started in %d ms)%n", DbmeshCommand.Version.version(),
                sidecar.host(), sidecar.port(), source, ProcessUptime.millis());
        System.out.println("  logical databases: " + String.join(", ", sidecar.config().databases().keySet()));
    }
}
