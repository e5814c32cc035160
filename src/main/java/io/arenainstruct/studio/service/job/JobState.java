package io.arenainstruct.studio.service.job;

/** Where a job stands: running or paused while it executes, then how it ended. */
public enum JobState {
    RUNNING,
    PAUSED,
    /** Stopped on request; what finished is kept in the store. */
    CANCELLED,
    /** Every item went through every stage. */
    COMPLETED,
    /** Ended with failed items (or stopped by an unexpected error); a resume retries them. */
    INCOMPLETE
}
