package io.arenainstruct.studio.domain.run;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * A run's progress as the Runs area and the {@code run} command show it.
 *
 * @param calls        model calls of the whole run, every execution of it (cache hits included)
 * @param cacheHits    calls the ledger answered
 * @param callsPerSecond model calls per second since this execution started (this execution's calls)
 * @param eta          time left at the current rate; null when unknown
 * @param cost         null when no model of this run has a price
 * @param throttle     which endpoints run below their limit because the server answered 429, in words
 *                     (e.g. "local-llm throttled to 4 in flight (server answered 429)"); null when none
 */
public record RunProgress(
        long runId,
        RunStatus status,
        List<StageProgress> stages,
        int calls,
        int cacheHits,
        long tokensIn,
        long tokensOut,
        BigDecimal cost,
        Duration elapsed,
        double callsPerSecond,
        Duration eta,
        String throttle) {
    public RunProgress {
        stages = List.copyOf(stages);
    }

    public StageProgress stage(Stage s) {
        return stages.stream().filter(p -> p.stage() == s).findFirst().orElseThrow();
    }

    public int failed() {
        return stages.stream().mapToInt(StageProgress::failed).sum();
    }
}
