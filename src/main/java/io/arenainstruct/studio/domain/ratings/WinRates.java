package io.arenainstruct.studio.domain.ratings;

import java.util.List;

/**
 * Head-to-head figures of every pair of models, rows and columns in {@link #models} order (the leaderboard's). Cell
 * [i][j] is about model i against model j. Shares are weighted, counts are not: one strong win and one loss of i
 * against j is 75% of the points in 2 observations (W 1, L 1).
 *
 * @param observed  i's share of the points against j (a win 1, a tie ½, as the ratings count them: a strong verdict
 *                  strong-weight times); NaN if never met
 * @param predicted the Bradley–Terry probability that i beats j; NaN where a model has no rating
 * @param games     observations of i against j (the same as [j][i]), each game or vote once whatever its weight
 * @param wins      observations i won against j, each once; losses are wins[j][i], ties the rest
 */
public record WinRates(List<String> models, double[][] observed, double[][] predicted, int[][] games, int[][] wins) {
    public WinRates {
        models = List.copyOf(models);
    }

    public int ties(int i, int j) {
        return games[i][j] - wins[i][j] - wins[j][i];
    }
}
