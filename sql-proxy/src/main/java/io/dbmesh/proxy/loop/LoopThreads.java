package io.dbmesh.proxy.loop;

import io.netty.channel.EventLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Constructor;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * Virtual threads whose scheduler is a Netty event loop instead of the JDK's fork-join pool: when
 * such a thread blocks (on its next command, on a backend socket, on a lock) it yields the event
 * loop thread, and when it is unparked its continuation runs as an ordinary event-loop task.
 *
 * <p>The JDK has no public API for a virtual-thread scheduler yet; the package-private builder
 * constructor that takes one (there for the JDK's own tests since 21) is reached by reflection,
 * which needs {@code --add-opens java.base/java.lang=ALL-UNNAMED} (the jar's manifest carries it).
 * Only from JDK 24 on (JEP 491): before it a virtual thread blocking inside {@code synchronized}
 * pins its carrier, and a pinned event loop cannot deliver the bytes the thread waits for.
 * Where either is missing, {@link #available()} is false and callers use ordinary virtual threads.
 *
 * <p>The price: a command that computes for long (federated planning) holds its event loop and the
 * other connections on it; such work goes through {@link #offload}. Virtual threads started by one
 * of these threads inherit its event loop (a shard fan-out then waits for its backends on the same
 * loop, which is what it should do).
 */
public final class LoopThreads {
    private static final Logger log = LoggerFactory.getLogger(LoopThreads.class);
    private static final Constructor<?> BUILDER = builderConstructor();
    /**
     * The JDK's own scheduler: a virtual thread started from one of ours would inherit the event loop
     * as its scheduler, which {@link #offload} must avoid.
     */
    private static final Executor JDK_SCHEDULER = BUILDER == null ? null : jdkScheduler();
    /** The event loop that schedules the current virtual thread, when it is one of ours. */
    private static final ThreadLocal<EventLoop> HOME = new ThreadLocal<>();

    private LoopThreads() {
    }

    private static Constructor<?> builderConstructor() {
        if (Runtime.version().feature() < 24) return null;
        try {
            Constructor<?> c = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder")
                    .getDeclaredConstructor(Executor.class);
            c.setAccessible(true);
            return c;
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.debug("virtual threads on event loops unavailable: {}", e.toString());
            return null;
        }
    }

    private static Executor jdkScheduler() {
        try {
            java.lang.reflect.Field f = Class.forName("java.lang.VirtualThread").getDeclaredField("DEFAULT_SCHEDULER");
            f.setAccessible(true);
            return (Executor) f.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.debug("the JDK's virtual thread scheduler is not reachable, offloading to platform threads: {}", e.toString());
            return null;
        }
    }

    /** True when virtual threads can be scheduled on event loops in this JVM. */
    public static boolean available() {
        return BUILDER != null;
    }

    /** Starts {@code task} on a virtual thread scheduled by {@code loop}. */
    public static Thread start(String name, EventLoop loop, Runnable task) {
        if (BUILDER == null) throw new IllegalStateException("virtual threads on event loops need JDK 24+ and --add-opens java.base/java.lang=ALL-UNNAMED");
        Thread.Builder.OfVirtual builder;
        try {
            builder = (Thread.Builder.OfVirtual) BUILDER.newInstance(loop);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create a virtual thread on an event loop", e);
        }
        return builder.name(name).start(() -> {
            HOME.set(loop);
            task.run();
        });
    }

    /** The event loop scheduling the current thread, or null when it is not such a thread. */
    public static EventLoop currentLoop() {
        return HOME.get();
    }

    /**
     * Runs CPU-heavy work off the event loop when called on an event-loop virtual thread (the
     * caller parks meanwhile, so the loop serves its other connections); runs it in place otherwise.
     */
    public static <T> T offload(Callable<T> work) throws Exception {
        if (HOME.get() == null) return work.call();
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable task = () -> {
            try {
                result.complete(work.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        };
        if (JDK_SCHEDULER != null) {
            ((Thread.Builder.OfVirtual) BUILDER.newInstance(JDK_SCHEDULER)).name("dbmesh-offload").start(task);
        } else {
            Thread.ofPlatform().name("dbmesh-offload").daemon().start(task);
        }
        try {
            return result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception ex) throw ex;
            if (e.getCause() instanceof Error err) throw err;
            throw e;
        }
    }
}
