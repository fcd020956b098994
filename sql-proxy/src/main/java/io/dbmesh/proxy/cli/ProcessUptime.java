package io.dbmesh.proxy.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * How long ago the sidecar was launched: the start-up time we print. {@code bin/dbmesh} passes the
 * moment it hands over to the JVM ({@code -Ddbmesh.launchedAtMillis}), so a jar build before that
 * does not count. Otherwise the process age is read from /proc (10 ms resolution);
 * {@code ProcessHandle.info().startInstant()} is derived from the boot time in whole seconds there,
 * an error of up to a second on a figure whose target is 1.5 s.
 */
final class ProcessUptime {
    /** USER_HZ: the unit of /proc/<pid>/stat times; 100 on every Linux we know of. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessUptime() {
    }

    static long millis() {
        String launchedAt = System.getProperty("dbmesh.launchedAtMillis");
        if (launchedAt != null && launchedAt.matches("\\d{10,16}")) {
            return System.currentTimeMillis() - Long.parseLong(launchedAt);
        }
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // "pid (comm) state ppid ...": comm may hold spaces, so count fields after the last ')'
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            long startTicks = Long.parseLong(fields[19]); // field 22 of the whole line
            double uptimeSeconds = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
            return Math.round(uptimeSeconds * 1000 - startTicks / TICKS_PER_SECOND * 1000);
        } catch (IOException | RuntimeException e) {
            return ProcessHandle.current().info().startInstant()
                    .map(start -> Duration.between(start, Instant.now()).toMillis())
                    .orElse(-1L);
        }
    }
}
