package io.dbmesh.proxy.server;

import java.util.ArrayDeque;
import java.util.concurrent.locks.LockSupport;

/**
 * What the event loop hands a connection's command thread (frames, the close marker): many
 * producers' worth of safety for one producer (the event loop) and one consumer (the command
 * thread), which parks only while it is empty. Replaces a LinkedBlockingQueue, whose lock,
 * condition queue node and node per element cost more per statement than this monitor and one
 * park/unpark pair (profile of the point select, issue 13). Not for the command thread's own
 * elements: only {@link #offer} wakes it.
 */
final class Inbox {
    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    /** The command thread while it waits for the next element, else null (guarded by this). */
    private Thread waiting;

    /** Event loop: queues {@code m} and wakes the command thread if it waits. */
    void offer(Object m) {
        Thread wake;
        synchronized (this) {
            queue.add(m);
            wake = waiting;
            waiting = null;
        }
        if (wake != null) LockSupport.unpark(wake);
    }

    synchronized Object poll() {
        return queue.poll();
    }

    synchronized int size() {
        return queue.size();
    }

    /** The next element, waiting for it as long as it takes. */
    Object take() throws InterruptedException {
        return poll(-1);
    }

    /** The next element, waiting up to {@code timeoutNanos} (negative: forever); null when none came in time. */
    Object poll(long timeoutNanos) throws InterruptedException {
        long deadline = timeoutNanos < 0 ? 0 : System.nanoTime() + timeoutNanos;
        while (true) {
            synchronized (this) {
                Object m = queue.poll();
                if (m != null) {
                    waiting = null;
                    return m;
                }
                waiting = Thread.currentThread();
            }
            if (Thread.interrupted()) {
                stopWaiting();
                throw new InterruptedException();
            }
            if (timeoutNanos < 0) {
                LockSupport.park(this);
            } else {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    stopWaiting();
                    return null;
                }
                LockSupport.parkNanos(this, left);
            }
        }
    }

    private synchronized void stopWaiting() {
        waiting = null;
    }
}
