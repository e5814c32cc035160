package io.arenainstruct.studio.ui.task;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Where view models send work: off the UI thread, with results handed back on it. The app's implementation
 * ({@link FxTaskExecutor}) uses the app's named daemon threads and the FX thread; tests use one that runs
 * everything on the calling thread, so a view model's logic is testable without a toolkit. Start work with
 * {@link #wrap(Callable)}, not with the primitives below.
 */
public interface TaskExecutor {
    /** Runs {@code work} off the UI thread; throws {@code RejectedExecutionException} once the app is closing. */
    void background(Runnable work);

    /** Runs {@code action} on the UI thread. */
    void ui(Runnable action);

    /**
     * Runs long work shown in the status bar with progress and Cancel; the handlers run on the UI thread.
     */
    <V> TaskHandle monitored(
            String title, BackgroundWork<V> work, Consumer<V> onSuccess, Consumer<Throwable> onFailure);

    /** The executor itself, for a blocking call a background task waits on ({@code CancellableCall}). */
    Executor executor();

    /** Short work (a store read or write); chain the handlers, then {@link BackgroundCall#start()}. */
    default <V> BackgroundCall<V> wrap(Callable<V> work) {
        return new BackgroundCall<>(this, null, (progress, cancel) -> work.call());
    }

    /** Long work shown in the status bar as {@code title}, told about Cancel and reporting progress. */
    default <V> BackgroundCall<V> wrap(String title, BackgroundWork<V> work) {
        return new BackgroundCall<>(this, title, work);
    }

    /**
     * An action run on the UI thread {@code delay} after the last of a burst of triggers (a form re-checked once
     * the curator stops typing). Test executors run it at once or when the test says.
     */
    default Debouncer debounce(Duration delay, Runnable action) {
        return new TimedDebouncer(this, delay, action);
    }

    /** Background work of this executor run one after another in the order started (one editor's writes). */
    default SerialTasks serial() {
        return new SerialTasks(this);
    }
}
