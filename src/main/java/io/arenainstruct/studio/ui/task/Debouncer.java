package io.arenainstruct.studio.ui.task;

/**
 * Runs an action on the UI thread once things stop changing: each {@link #trigger()} restarts the wait, so a burst
 * of edits (typing, ticking) leads to one store read. Get one from {@link TaskExecutor#debounce}.
 */
public interface Debouncer {
    /** (Re)starts the wait; the action runs when it ends without another trigger. Call on the UI thread. */
    void trigger();

    /** Drops a pending run (the view model is closing). */
    void stop();
}
