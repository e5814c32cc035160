package io.arenainstruct.studio.domain.ratings;

/**
 * A model's share of the points in one category's battles (a win 1, a tie ½), over {@code observations} games and
 * votes: the per-category breakdown.
 */
public record CategoryWinRate(String category, String model, double winRate, int observations) {}
