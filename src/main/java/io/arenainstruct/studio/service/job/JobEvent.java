package io.arenainstruct.studio.service.job;

/**
 * What the {@link JobRegistry} tells its listeners about running jobs, in the order it happened.
 *
 * @param <P> the progress figures the jobs report
 */
public sealed interface JobEvent<P> {
    /** The job the event is about. */
    long jobId();

    /** The kind of stored item a job wrote. */
    enum Item {
        INSTRUCTION,
        PASSAGE
    }

    record Started<P>(long jobId) implements JobEvent<P> {}

    record Progressed<P>(long jobId, P progress) implements JobEvent<P> {}

    /** The job stored an item (a step finished or failed): a view listing it may read it again. */
    record ItemChanged<P>(long jobId, Item kind, long itemId) implements JobEvent<P> {}

    record PausedOrResumed<P>(long jobId, boolean paused) implements JobEvent<P> {}

    /** The job stopped: completed, cancelled or incomplete; it is no longer running. */
    record Finished<P>(long jobId, JobState outcome) implements JobEvent<P> {}
}
