package io.arenainstruct.studio.domain.arena;

import java.time.Instant;
import java.util.Objects;

/**
 * Two models' responses to one instruction. A = the first model as the battle was created (for a baseline
 * strategy, the baseline); every verdict on it is stored in this orientation.
 *
 * @param instructionId null for an imported verdict row that named no question and carried no conversation
 * @param responseA     null when the file that made the battle carried no answer text
 * @param turn          the turn judged (1 for single-turn instructions)
 * @param strategy      how it was made: all-pairs, baseline:MODEL, target:MODEL, or imported
 * @param inconsistent  a judge's two games contradict each other once un-swapped (position bias)
 */
public record Battle(
        long id,
        Long instructionId,
        String modelA,
        String modelB,
        Long responseA,
        Long responseB,
        int turn,
        String strategy,
        String category,
        BattleStatus status,
        boolean inconsistent,
        Instant createdAt) {
    public Battle {
        Objects.requireNonNull(modelA, "modelA");
        Objects.requireNonNull(modelB, "modelB");
        Objects.requireNonNull(status, "status");
        if (modelA.equals(modelB)) {
            throw new IllegalArgumentException("a battle needs two different models, got " + modelA + " twice");
        }
    }
}
