package io.arenainstruct.studio.domain.arena;

import java.util.List;

/**
 * One battle's verdicts as agreement reads them: who voted what, in the battle's orientation; a voter's rows of one
 * source oldest first.
 *
 * @param responseA model A's answer; null when the battle has none
 */
public record BattleVotes(long battleId, String category, Long responseA, Long responseB, List<Vote> votes) {
    public BattleVotes {
        votes = List.copyOf(votes);
    }

    /**
     * One verdict row, reduced to what agreement needs.
     *
     * @param agent         the judge agent (prompt) of a judging job; null for people and imported rows
     * @param promptVersion that agent's prompt version; null without one
     * @param game          1 or 2 for a judge's games, 0 for its combined verdict, null otherwise
     * @param swapped       the voter saw model B's answer first
     */
    public record Vote(
            long id,
            VerdictSource source,
            String voter,
            String agent,
            Integer promptVersion,
            Integer game,
            boolean swapped,
            Outcome outcome) {}
}
