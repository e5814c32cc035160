package io.arenainstruct.studio.service.job;

/** A job executing now, as the {@link JobRegistry} steers it: from any thread, whoever started it. */
public interface RunningJob {
    long jobId();

    /** Work in flight finishes; no new unit starts until {@link #resume()}. */
    void pause();

    void resume();

    boolean isPaused();

    /** Stops: what finished is kept, the job can be resumed later. */
    void cancel();
}
