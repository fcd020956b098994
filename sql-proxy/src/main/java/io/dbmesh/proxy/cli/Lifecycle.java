package io.dbmesh.proxy.cli;

import java.util.concurrent.CountDownLatch;

/**
 * Keeps the process alive until Ctrl-C / SIGTERM and then closes what it manages, once. The
 * shutdown hook is registered before anything starts: a signal that arrives while the sidecar is
 * still starting (a supervisor giving up, a fast Ctrl-C) must still close what did start, and a hook
 * registered only after start-up would leave a window where nothing is closed.
 */
final class Lifecycle {
    private final CountDownLatch stopped = new CountDownLatch(1);
    private AutoCloseable managed;
    private boolean shuttingDown;

    Lifecycle() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "dbmesh-shutdown"));
    }

    /** Hands over what to close on shutdown; closes it at once if shutdown has already begun. */
    void manage(AutoCloseable resource) {
        boolean closeNow;
        synchronized (this) {
            managed = resource;
            closeNow = shuttingDown;
        }
        if (closeNow) {
            closeQuietly(resource);
        }
    }

    /** Blocks the calling (main) thread until shutdown; the JVM exits from the signal's side. */
    void awaitShutdown() throws InterruptedException {
        stopped.await();
    }

    private void shutdown() {
        AutoCloseable resource;
        synchronized (this) {
            shuttingDown = true;
            resource = managed;
        }
        try {
            if (resource != null) {
                System.out.println("dbmesh: stopping");
                closeQuietly(resource);
            }
        } finally {
            stopped.countDown();
        }
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            System.err.println("dbmesh: error while stopping: " + e.getMessage());
        }
    }
}
