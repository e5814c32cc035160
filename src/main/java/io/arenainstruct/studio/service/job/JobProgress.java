package io.arenainstruct.studio.service.job;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * A job's progress at one moment, as {@link ProgressCounter} works it out.
 *
 * @param calls          model calls of the whole job, every execution of it (ledger hits included)
 * @param ledgerHits     calls the ledger answered
 * @param cost           null when no model the job used has a price
 * @param callsPerSecond calls of this execution per second since it started (0 in its first half second)
 * @param timeLeft       the remaining calls at that rate; null when unknown or the job is not running
 */
public record JobProgress<S>(
        JobState state,
        List<StageCount<S>> stages,
        int calls,
        int ledgerHits,
        long tokensIn,
        long tokensOut,
        BigDecimal cost,
        Duration elapsed,
        double callsPerSecond,
        Duration timeLeft) {
    public JobProgress {
        stages = List.copyOf(stages);
    }

    public StageCount<S> stage(S stage) {
        return stages.stream().filter(c -> c.stage().equals(stage)).findFirst().orElseThrow();
    }

    public int failed() {
        return stages.stream().mapToInt(StageCount::failed).sum();
    }
}
