package io.arenainstruct.studio.service.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.arenainstruct.studio.domain.llm.ModelPrice;
import io.arenainstruct.studio.domain.run.RunProgress;
import io.arenainstruct.studio.domain.run.RunStatus;
import io.arenainstruct.studio.domain.run.Stage;
import io.arenainstruct.studio.domain.run.StageProgress;
import io.arenainstruct.studio.service.job.JobProgress;
import io.arenainstruct.studio.service.job.JobState;
import io.arenainstruct.studio.service.job.Pricing;
import io.arenainstruct.studio.service.llm.ModelGateway;

/** Between the job runtime's figures and a run's: prices, states and {@link RunProgress}. */
final class RunFigures {
    private RunFigures() {}

    /** Cost per model at the prices the store holds. */
    static Pricing pricing(Map<String, ModelPrice> prices) {
        return Pricing.at(prices);
    }

    static RunStatus status(JobState state) {
        return switch (state) {
            case RUNNING -> RunStatus.RUNNING;
            case PAUSED -> RunStatus.PAUSED;
            case CANCELLED -> RunStatus.CANCELLED;
            case COMPLETED -> RunStatus.COMPLETED;
            case INCOMPLETE -> RunStatus.INCOMPLETE;
        };
    }

    static JobState jobState(RunStatus status) {
        return switch (status) {
            case RUNNING -> JobState.RUNNING;
            case PAUSED -> JobState.PAUSED;
            case CANCELLED, INTERRUPTED -> JobState.CANCELLED;
            case COMPLETED -> JobState.COMPLETED;
            case INCOMPLETE -> JobState.INCOMPLETE;
        };
    }

    /** A job's progress as a run's; the status is the run's (a job is never "interrupted"). */
    static RunProgress runProgress(long runId, RunStatus status, JobProgress<Stage> p, String throttle) {
        List<StageProgress> stages = p.stages().stream()
                .map(c -> new StageProgress(c.stage(), c.planned(), c.done(), c.failed()))
                .toList();
        return new RunProgress(
                runId,
                status,
                stages,
                p.calls(),
                p.ledgerHits(),
                p.tokensIn(),
                p.tokensOut(),
                p.cost(),
                p.elapsed(),
                p.callsPerSecond(),
                p.timeLeft(),
                throttle);
    }

    /** The run's endpoints that the gateway holds below their limit after 429s, in words; null when none. */
    static String throttle(ModelGateway gateway, FrozenRun frozen) {
        Map<String, Integer> throttled = gateway.throttled();
        if (throttled.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (FrozenRun.FrozenEndpoint e : frozen.endpoints()) {
            Integer level = throttled.get(e.name());
            if (level != null) {
                parts.add(e.name() + " throttled to " + level + " in flight (server answered 429)");
            }
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }
}
