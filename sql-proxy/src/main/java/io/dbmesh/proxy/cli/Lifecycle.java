package io.dbmesh.proxy.cli;

import java.util.concurrent.CountDownLatch;

/** Keeps the process alive until Ctrl-C / SIGTERM, then runs the shutdown action once. */
final class Lifecycle {
    private Lifecycle() {
    }

    static void runUntilShutdown(Runnable shutdown) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("dbmesh: stopping");
            try {
                shutdown.run();
            } finally {
                stopped.countDown();
            }
        }, "dbmesh-shutdown"));
        stopped.await();
    }
}
