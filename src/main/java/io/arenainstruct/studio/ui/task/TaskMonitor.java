package io.arenainstruct.studio.ui.task;

import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Starts background tasks on the app-wide executor and keeps the list of running ones, which the status
 * bar shows with progress and Cancel. Results and errors arrive on the FX thread.
 */
public final class TaskMonitor {
    private static final Logger LOG = Logger.getLogger(TaskMonitor.class.getName());

    private final Executor executor;
    private final ObservableList<BackgroundTask<?>> running = FXCollections.observableArrayList();
    private final ObservableList<BackgroundTask<?>> readOnly = FXCollections.unmodifiableObservableList(running);

    public TaskMonitor(Executor executor) {
        this.executor = executor;
    }

    public <T> BackgroundTask<T> run(
            String title, BackgroundWork<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        BackgroundTask<T> task = new BackgroundTask<>(title, work);
        running.add(task);
        task.setOnSucceeded(e -> {
            running.remove(task);
            onSuccess.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            running.remove(task);
            // The failure is the caller's to show in words; a stack trace on stderr helps no curator.
            LOG.log(Level.FINE, title + " failed", task.getException());
            onFailure.accept(task.getException());
        });
        task.setOnCancelled(e -> running.remove(task));
        executor.execute(task);
        return task;
    }

    public ObservableList<BackgroundTask<?>> running() {
        return readOnly;
    }

    /** Asks the newest running task to stop (the status bar's Cancel, also Ctrl+Period). */
    public void cancelNewest() {
        if (!running.isEmpty()) {
            running.get(running.size() - 1).requestCancel();
        }
    }
}
