package io.arenainstruct.studio.service.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

class BackgroundExecutorTest {
    @Test
    void closingLetsTheWorkInProgressFinishUninterrupted() throws Exception {
        BackgroundExecutor background = new BackgroundExecutor("test-worker");
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicBoolean finished = new AtomicBoolean();
        background.executor().execute(() -> {
            started.countDown();
            try {
                release.await(); // a store write in progress: an interrupt here would break it
                finished.set(true);
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        Thread closer = new Thread(background::close);
        closer.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!background.executor().isShutdown() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(background.executor().isShutdown()).isTrue();
        release.countDown();
        closer.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(interrupted).isFalse();
        assertThat(finished).isTrue();
        assertThat(background.executor().isTerminated()).isTrue();
    }
}
