package io.dbmesh.proxy.loop;

import io.dbmesh.proxy.backend.LoopSocketFactory;
import io.netty.channel.EventLoop;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class LoopThreadsTest {
    static IoLoops loops;

    @BeforeAll
    static void start() {
        loops = IoLoops.start(1);
    }

    @AfterAll
    static void stop() {
        loops.close();
    }

    @Test
    void availableOnThisJdkWithTheTestsAddOpens() {
        // the build runs on JDK 24+ with --add-opens (root pom): the loop mode must be what tests exercise
        assumeTrue(Runtime.version().feature() >= 24);
        assertThat(LoopThreads.available()).isTrue();
        assertThat(loops.loopThreads()).isTrue();
        assertThat(LoopSocketFactory.driverOptions(loops)).containsEntry("socketFactory", LoopSocketFactory.class.getName());
    }

    @Test
    void aVirtualThreadRunsOnItsEventLoopAndKnowsIt() throws Exception {
        assumeTrue(LoopThreads.available());
        EventLoop loop = loops.group().next();
        CompletableFuture<String> carrier = new CompletableFuture<>();
        CompletableFuture<EventLoop> home = new CompletableFuture<>();
        LoopThreads.start("t", loop, () -> {
            carrier.complete(Thread.currentThread().toString()); // VirtualThread[#n,t]/runnable@<carrier name>
            home.complete(LoopThreads.currentLoop());
        }).join();
        assertThat(carrier.get()).contains("dbmesh-io");
        assertThat(home.get()).isSameAs(loop);
        assertThat(LoopThreads.currentLoop()).isNull();
    }

    @Test
    void threadsOnOneLoopBlockOnEachOtherWithoutStallingIt() throws Exception {
        assumeTrue(LoopThreads.available());
        EventLoop loop = loops.group().next();
        ReentrantLock lock = new ReentrantLock();
        CountDownLatch holding = new CountDownLatch(1), release = new CountDownLatch(1);
        Thread holder = LoopThreads.start("holder", loop, () -> {
            lock.lock();
            try {
                holding.countDown();
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lock.unlock();
            }
        });
        assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
        Thread waiter = LoopThreads.start("waiter", loop, () -> {
            lock.lock();
            lock.unlock();
        });
        // the loop still runs its own tasks while both threads are parked
        assertThat(loop.submit(() -> "alive").get(5, TimeUnit.SECONDS)).isEqualTo("alive");
        release.countDown();
        assertThat(holder.join(java.time.Duration.ofSeconds(5))).isTrue();
        assertThat(waiter.join(java.time.Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void offloadLeavesTheLoopFreeWhileTheWorkRuns() throws Exception {
        assumeTrue(LoopThreads.available());
        EventLoop loop = loops.group().next();
        CountDownLatch working = new CountDownLatch(1), finish = new CountDownLatch(1);
        CompletableFuture<String> result = new CompletableFuture<>();
        LoopThreads.start("offloader", loop, () -> {
            try {
                result.complete(LoopThreads.offload(() -> {
                    working.countDown();
                    finish.await();
                    return Thread.currentThread().toString();
                }));
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        assertThat(working.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(loop.submit(() -> "alive").get(5, TimeUnit.SECONDS)).isEqualTo("alive");
        finish.countDown();
        assertThat(result.get(5, TimeUnit.SECONDS)).contains("dbmesh-offload").doesNotContain("dbmesh-io");
    }

    @Test
    void offloadOutsideALoopRunsInPlace() throws Exception {
        Thread caller = Thread.currentThread();
        assertThat(LoopThreads.offload(Thread::currentThread)).isSameAs(caller);
    }
}
