package io.dbmesh.proxy.loop;

import io.netty.channel.Channel;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Back-pressure for a thread that writes to a channel: it waits while the channel's outbound buffer
 * is above its high water mark, and the event loop wakes it when writability changes or the channel
 * closes. Waits are bounded (100 ms) and re-check, so a missed signal costs a delay, never a hang.
 * Used for the client side (results to a slow client) and the backend side ({@link LoopSocket}).
 */
public final class WritableGate {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    /** Event loop: writability changed, or the channel closed. */
    public void signal() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns true once {@code channel} is writable, false when it closed (or {@code gone} says it
     * is gone) before that.
     */
    public boolean awaitWritable(Channel channel, BooleanSupplier gone) throws InterruptedException {
        if (channel.isWritable()) return true;
        lock.lock();
        try {
            while (!channel.isWritable()) {
                if (!channel.isActive() || gone.getAsBoolean()) return false;
                changed.await(100, TimeUnit.MILLISECONDS);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
