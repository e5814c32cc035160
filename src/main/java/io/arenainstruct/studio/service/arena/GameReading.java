package io.arenainstruct.studio.service.arena;

import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.domain.arena.Outcome;

/**
 * What one judge reply says, about the order the judge saw (A = the response shown first). Unparsable replies
 * carry why, and no verdict: they are never guessed.
 *
 * @param rawLabel the label text as written (graded), or "7, 5" (score); null when unparsable
 * @param scoreA   score style: the first-shown response's score; null otherwise
 * @param problem  why no verdict could be read; null when one was
 */
public record GameReading(
        Outcome outcome, GradedLabel label, String rawLabel, Double scoreA, Double scoreB, String problem) {
    static GameReading graded(GradedLabel label, String raw) {
        return new GameReading(label.outcome(), label, raw, null, null, null);
    }

    static GameReading scores(double a, double b, String raw) {
        Outcome outcome = a > b ? Outcome.A : a < b ? Outcome.B : Outcome.TIE;
        return new GameReading(outcome, null, raw, a, b, null);
    }

    static GameReading unparsable(String problem) {
        return new GameReading(Outcome.UNPARSABLE, null, null, null, null, problem);
    }

    public boolean parsed() {
        return problem == null;
    }

    /**
     * The same reading in the battle's orientation: a game that showed B first has its positions exchanged back.
     */
    public GameReading unswapped(boolean swapped) {
        if (!swapped || !parsed()) {
            return this;
        }
        return new GameReading(
                outcome.swapped(), label == null ? null : label.swapped(), rawLabel, scoreB, scoreA, null);
    }
}
