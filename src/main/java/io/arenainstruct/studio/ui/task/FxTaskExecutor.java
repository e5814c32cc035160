package io.arenainstruct.studio.ui.task;

import java.util.concurrent.Executor;
import java.util.function.Consumer;

import javafx.application.Platform;

/**
 * The app's {@link TaskExecutor}: work runs on the app-wide executor (named daemon threads), results on the FX
 * thread, long work through the {@link TaskMonitor} so the status bar shows it with Cancel. Holds no state of
 * its own.
 */
public final class FxTaskExecutor implements TaskExecutor {
    private final Executor executor;
    private final TaskMonitor monitor;

    public FxTaskExecutor(Executor executor, TaskMonitor monitor) {
        this.executor = executor;
        this.monitor = monitor;
    }

    @Override
    public void background(Runnable work) {
        executor.execute(work);
    }

    @Override
    public void ui(Runnable action) {
        // An exception thrown here reaches the FX thread's uncaught-exception handler: reported, not swallowed.
        Platform.runLater(action);
    }

    @Override
    public <V> TaskHandle monitored(
            String title, BackgroundWork<V> work, Consumer<V> onSuccess, Consumer<Throwable> onFailure) {
        return monitor.run(title, work, onSuccess, onFailure)::requestCancel;
    }

    @Override
    public Executor executor() {
        return executor;
    }
}
