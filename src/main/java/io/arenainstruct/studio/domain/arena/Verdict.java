package io.arenainstruct.studio.domain.arena;

import java.time.Instant;
import java.util.Objects;

import io.arenainstruct.studio.domain.provenance.AgentCall;

/**
 * One verdict on a battle, in the battle's orientation (A = the battle's model A), whoever gave it. Nothing
 * overwrites a verdict; a battle collects them from judges (each game, and each judge's combined verdict), a jury
 * and people.
 *
 * @param game      a judge's game: 1 or 2; 0 = that judge's combined verdict over its games; null otherwise
 * @param swapped   the judge saw model B's response first
 * @param voter     the judge model, the jury's name, or the annotator
 * @param label     graded verdict, un-swapped; null for other styles
 * @param rawLabel  what the judge wrote, about the order it saw; null if it wrote none
 * @param scoreA    score-style judges: A's score (1–10), un-swapped; null otherwise
 * @param judgment  the judge's full reply (or a file's judgment text); null if none
 * @param call      the judge agent, prompt version, ledger call, endpoint and model; {@link AgentCall#NONE} otherwise
 * @param imported  read from a file
 * @param key       makes the verdict once (a judge's game, an imported row); null for human verdicts
 * @param note      a short note (e.g. why a combined verdict is a tie, a jury's split)
 */
public record Verdict(
        long id,
        long battleId,
        VerdictSource source,
        Integer game,
        boolean swapped,
        String voter,
        Outcome outcome,
        GradedLabel label,
        String rawLabel,
        Double scoreA,
        Double scoreB,
        String judgment,
        AgentCall call,
        boolean imported,
        String key,
        String note,
        Instant createdAt) {
    public Verdict {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(voter, "voter");
        Objects.requireNonNull(outcome, "outcome");
        call = call == null ? AgentCall.NONE : call;
    }

    /** The gap between the two scores (A − B), or null for verdicts without scores. */
    public Double scoreGap() {
        return scoreA == null || scoreB == null ? null : scoreA - scoreB;
    }
}
