package io.arenainstruct.studio.domain.ratings;

/**
 * A model's share of the points in one category's battles (a win 1, a tie ½), over {@code observations} games and
 * votes: the per-category breakdown.
 *
 * <p>The share is weighted as the ratings count verdicts: a strong verdict counts strong-weight times in it (3 by
 * default), while {@code observations} counts each game or vote once. One strong win and one loss: 75% of the points
 * in 2 observations.
 */
public record CategoryWinRate(String category, String model, double winRate, int observations) {}
