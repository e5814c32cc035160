package io.arenainstruct.studio.ui.task;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.arenainstruct.studio.service.task.SerialExecutor;

/**
 * A {@link TaskExecutor} whose background work runs one piece after another, in the order started: store writes
 * of one editor (save, then delete) must not overtake each other. Status-bar tasks are not serialised.
 */
public final class SerialTasks implements TaskExecutor {
    private final TaskExecutor delegate;
    private final SerialExecutor serial;

    SerialTasks(TaskExecutor delegate) {
        this.delegate = delegate;
        this.serial = new SerialExecutor(delegate::background);
    }

    @Override
    public void background(Runnable work) {
        serial.execute(work);
    }

    @Override
    public void ui(Runnable action) {
        delegate.ui(action);
    }

    @Override
    public <V> TaskHandle monitored(
            String title, BackgroundWork<V> work, Consumer<V> onSuccess, Consumer<Throwable> onFailure) {
        return delegate.monitored(title, work, onSuccess, onFailure);
    }

    @Override
    public Executor executor() {
        return delegate.executor();
    }

    @Override
    public Debouncer debounce(Duration delay, Runnable action) {
        return delegate.debounce(delay, action);
    }

    /** Waits until the work started so far has run (before the store closes). */
    public void awaitIdle(long timeout, TimeUnit unit) {
        serial.awaitIdle(timeout, unit);
    }
}
