package io.arenainstruct.studio.service.job;

/**
 * How an execution of a job ended.
 *
 * @param error  why the job stopped on its own (an unexpected error outside any step); null otherwise
 * @param failed units that failed
 */
public record JobOutcome(JobState state, String error, int failed) {}
