package io.arenainstruct.studio.ui.task;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link Debouncer} of a real executor: one shared timer thread waits, then the action is handed to the UI
 * thread through the {@link TaskExecutor}. A trigger arriving after the timer fired but before the UI thread ran
 * the action still wins: the action checks that it is the newest trigger's.
 */
final class TimedDebouncer implements Debouncer {
    /** One daemon thread for every debouncer: it only waits and hands over, it never does the work. */
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "debounce-timer");
        t.setDaemon(true);
        return t;
    });

    private final TaskExecutor tasks;
    private final long delayNanos;
    private final Runnable action;
    private final AtomicLong generation = new AtomicLong();
    private ScheduledFuture<?> pending;

    TimedDebouncer(TaskExecutor tasks, Duration delay, Runnable action) {
        this.tasks = tasks;
        this.delayNanos = delay.toNanos();
        this.action = action;
    }

    @Override
    public void trigger() {
        long mine = generation.incrementAndGet();
        cancelPending();
        pending = TIMER.schedule(
                () -> tasks.ui(() -> {
                    if (generation.get() == mine) {
                        action.run();
                    }
                }),
                delayNanos,
                TimeUnit.NANOSECONDS);
    }

    @Override
    public void stop() {
        generation.incrementAndGet();
        cancelPending();
    }

    private void cancelPending() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }
}
