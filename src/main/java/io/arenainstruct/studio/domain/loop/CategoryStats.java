package io.arenainstruct.studio.domain.loop;

import java.util.List;

/**
 * The target model's decided battles in one category of a skill, as the loop reads them.
 *
 * @param battles    decided battles with the target (wins + losses + ties + bothBad)
 * @param strongWins battles won (by either side) on a strong verdict of every deciding judge
 * @param byPeople   battles people decided; the rest ({@code battles − byPeople}) judges or juries decided
 * @param battleIds  the decided battles' ids, ascending
 */
public record CategoryStats(
        String skill,
        String category,
        int battles,
        int losses,
        int wins,
        int ties,
        int bothBad,
        int strongWins,
        int byPeople,
        List<Long> battleIds) {
    public CategoryStats {
        battleIds = battleIds.stream().sorted().toList();
    }

    public int byJudges() {
        return battles - byPeople;
    }

    /** Losses over decided battles (a tie or both-bad is not a loss); 0 without battles. */
    public double lossRate() {
        return battles == 0 ? 0 : (double) losses / battles;
    }
}
