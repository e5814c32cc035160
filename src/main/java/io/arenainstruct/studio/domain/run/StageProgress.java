package io.arenainstruct.studio.domain.run;

/**
 * Counts of one stage: items planned, finished (including those answered from the ledger) and failed.
 * Refinement counts rounds; the other stages count passages or instructions.
 */
public record StageProgress(Stage stage, int planned, int done, int failed) {
    public int remaining() {
        return Math.max(0, planned - done - failed);
    }
}
