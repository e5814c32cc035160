package io.arenainstruct.studio.service.task;

/** Receives progress of long work; called from the worker thread. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (done, total, message) -> {};

    /** @param total the amount of work, or -1 while unknown */
    void progress(long done, long total, String message);

    /** Names the work anew once it knows what it is (a run's number once the run is made); shown where it is. */
    default void rename(String title) {}
}
