package io.arenainstruct.studio.domain.run;

import java.util.List;

import io.arenainstruct.studio.domain.provenance.Failure;

/** How many items of a run failed at one stage for one reason. */
public record FailureReason(Failure<Stage> failure, int count) {

    public Stage stage() {
        return failure.stage();
    }

    /** How many items failed at a stage: the reasons' counts at that stage, summed. */
    public static int failed(List<FailureReason> reasons, Stage stage) {
        return reasons.stream()
                .filter(r -> r.stage() == stage)
                .mapToInt(FailureReason::count)
                .sum();
    }

    /** One line for a curator, e.g. "26 failed at transformation: The server could not be reached (…) (detail)". */
    public String describe() {
        return (count + " failed at " + failure.stage().id() + ": " + failure.describe()).strip();
    }
}
