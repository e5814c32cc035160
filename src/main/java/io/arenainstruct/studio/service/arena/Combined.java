package io.arenainstruct.studio.service.arena;

import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.domain.arena.Outcome;

/**
 * A verdict pooled from several readings (a judge's games, or a jury's judges), in the battle's orientation.
 *
 * @param label        graded judges: the pooled label; null for score judges or when nothing decided
 * @param scoreA       score judges: the mean score of A; null otherwise
 * @param disputed     the readings contradict each other (games: position bias; jury: the judges disagree), or
 *                     one could not be read: people should look at it
 * @param inconsistent a judge's games contradict each other once un-swapped (for a jury: any judge's did)
 * @param note         in plain words, how the verdict came about
 */
public record Combined(
        Outcome outcome,
        GradedLabel label,
        Double scoreA,
        Double scoreB,
        boolean disputed,
        boolean inconsistent,
        String note) {
    /** A − B, or null without scores. */
    public Double gap() {
        return scoreA == null || scoreB == null ? null : scoreA - scoreB;
    }
}
