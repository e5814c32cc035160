package io.arenainstruct.studio.domain.run;

/**
 * A run found running when the store was opened: what ran it ended without finishing it.
 *
 * @param ranBy null when the run is older than the record of who ran it
 */
public record InterruptedRun(long runId, RunOrigin ranBy) {}
