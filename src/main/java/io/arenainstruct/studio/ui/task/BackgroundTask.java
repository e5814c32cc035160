package io.arenainstruct.studio.ui.task;

import java.util.concurrent.atomic.AtomicBoolean;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.concurrent.Task;

import io.arenainstruct.studio.service.task.ProgressListener;

/**
 * A named background task. Cancel is a request the work honours at its next step and then returns what it
 * finished (an import keeps the batches it stored), so the task still succeeds with a partial result.
 */
public final class BackgroundTask<T> extends Task<T> {
    private final String title;
    private final BackgroundWork<T> work;
    private final AtomicBoolean cancelRequested = new AtomicBoolean();
    private final ReadOnlyBooleanWrapper cancelling = new ReadOnlyBooleanWrapper(false);

    BackgroundTask(String title, BackgroundWork<T> work) {
        this.title = title;
        this.work = work;
        updateTitle(title);
    }

    public String name() {
        return title;
    }

    /** Names the task anew once its work knows what it is (a run's number); safe from any thread. */
    public void rename(String newTitle) {
        updateTitle(newTitle);
    }

    public void requestCancel() {
        cancelRequested.set(true);
        cancelling.set(true);
        updateMessage("Cancelling…");
    }

    public ReadOnlyBooleanProperty cancellingProperty() {
        return cancelling.getReadOnlyProperty();
    }

    @Override
    protected T call() throws Exception {
        ProgressListener listener = new ProgressListener() {
            @Override
            public void progress(long done, long total, String message) {
                if (total < 0) {
                    updateProgress(-1, 1);
                } else {
                    updateProgress(done, total);
                }
                if (!cancelRequested.get()) {
                    updateMessage(message);
                }
            }

            @Override
            public void rename(String newTitle) {
                BackgroundTask.this.rename(newTitle);
            }
        };
        return work.run(listener, () -> cancelRequested.get() || isCancelled());
    }
}
