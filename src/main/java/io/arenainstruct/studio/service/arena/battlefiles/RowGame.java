package io.arenainstruct.studio.service.arena.battlefiles;

import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.domain.arena.Outcome;

/**
 * One verdict a row carries, in the row's orientation (A = the row's first model), already un-swapped.
 *
 * @param game     1 or 2 for a judge's games; null for a single verdict (a Chatbot-Arena vote)
 * @param swapped  the voter saw the row's second model first
 * @param label    graded verdict (Arena-Hard), un-swapped; null otherwise
 * @param rawLabel what the file wrote, about the order the voter saw; null if nothing
 * @param judgment the judgment text the file kept; null if none
 */
record RowGame(Integer game, boolean swapped, Outcome outcome, GradedLabel label, String rawLabel, String judgment) {
    /** The same verdict with the row's two models exchanged (for a battle whose A is the row's second model). */
    RowGame flipped() {
        return new RowGame(
                game, !swapped, outcome.swapped(), label == null ? null : label.swapped(), rawLabel, judgment);
    }
}
