package io.dbmesh.proxy.server;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InboxTest {
    private final Inbox inbox = new Inbox();

    @Test
    void elementsComeOutInOrder() throws Exception {
        inbox.offer("a");
        inbox.offer("b");
        assertThat(inbox.size()).isEqualTo(2);
        assertThat(inbox.take()).isEqualTo("a");
        assertThat(inbox.poll()).isEqualTo("b");
        assertThat(inbox.poll()).isNull();
    }

    @Test
    void takeWaitsForAnOfferFromAnotherThread() throws Exception {
        for (int i = 0; i < 200; i++) { // many hand-offs: an offer racing the consumer's park must never be lost
            CompletableFuture<Object> taken = new CompletableFuture<>();
            Thread consumer = Thread.ofVirtual().start(() -> {
                try {
                    taken.complete(inbox.take());
                } catch (InterruptedException e) {
                    taken.completeExceptionally(e);
                }
            });
            if (i % 2 == 0) Thread.sleep(1);
            inbox.offer(i);
            assertThat(taken.get(5, TimeUnit.SECONDS)).isEqualTo(i);
            consumer.join();
        }
    }

    @Test
    void pollGivesUpAfterItsTimeout() throws Exception {
        long start = System.nanoTime();
        assertThat(inbox.poll(TimeUnit.MILLISECONDS.toNanos(50))).isNull();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
        assertThat(inbox.poll(0)).isNull();
        inbox.offer("late");
        assertThat(inbox.poll(TimeUnit.SECONDS.toNanos(1))).isEqualTo("late");
    }

    @Test
    void anInterruptedWaitThrows() {
        Thread.currentThread().interrupt();
        assertThatThrownBy(inbox::take).isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isFalse();
    }
}
