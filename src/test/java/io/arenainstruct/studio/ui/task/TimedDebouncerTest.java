package io.arenainstruct.studio.ui.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

/**
 * The app's debouncer, on its real timer: the timer thread runs tasks in the order they are due, so a trigger
 * made later and awaited proves that earlier, dropped ones never ran.
 */
class TimedDebouncerTest {
    private static final Duration DELAY = Duration.ofMillis(30);

    /** The UI thread: actions wait in a queue the test thread runs. */
    private final LinkedBlockingQueue<Runnable> ui = new LinkedBlockingQueue<>();

    private final TaskExecutor tasks = new TaskExecutor() {
        @Override
        public void background(Runnable work) {
            work.run();
        }

        @Override
        public void ui(Runnable action) {
            ui.add(action);
        }

        @Override
        public <V> TaskHandle monitored(
                String title, BackgroundWork<V> work, Consumer<V> onSuccess, Consumer<Throwable> onFailure) {
            throw new UnsupportedOperationException("not used here");
        }

        @Override
        public Executor executor() {
            return Runnable::run;
        }
    };

    /** Runs what reaches the UI thread until {@code counter} reaches {@code count}; fails after 10 s. */
    private void runUiUntil(AtomicInteger counter, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (counter.get() < count) {
            Runnable r = ui.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            assertThat(r).as("the action reached the UI thread in time").isNotNull();
            r.run();
        }
    }

    @Test
    void aBurstOfTriggersRunsTheActionOnceOnTheUiThread() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Debouncer debouncer = tasks.debounce(DELAY, runs::incrementAndGet);
        debouncer.trigger();
        debouncer.trigger();
        debouncer.trigger();
        runUiUntil(runs, 1);

        debouncer.trigger();
        runUiUntil(runs, 2);
        ui.forEach(Runnable::run);
        assertThat(runs.get())
                .as("the two dropped triggers of the burst never ran")
                .isEqualTo(2);
    }

    @Test
    void aStoppedDebouncerRunsNothing() throws Exception {
        AtomicInteger stopped = new AtomicInteger();
        AtomicInteger later = new AtomicInteger();
        Debouncer first = tasks.debounce(DELAY, stopped::incrementAndGet);
        first.trigger();
        first.stop();
        tasks.debounce(DELAY, later::incrementAndGet).trigger();
        runUiUntil(later, 1);
        ui.forEach(Runnable::run);
        assertThat(stopped.get()).isZero();
    }
}
