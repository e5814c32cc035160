package io.arenainstruct.studio.service.job;

/** One stage's units: planned, done (including those the store already held) and failed. */
public record StageCount<S>(S stage, int planned, int done, int failed) {
    public int remaining() {
        return Math.max(0, planned - done - failed);
    }
}
