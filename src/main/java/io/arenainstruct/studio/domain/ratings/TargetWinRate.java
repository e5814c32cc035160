package io.arenainstruct.studio.domain.ratings;

/**
 * The target model against one competitor (Arena Learning): observations won, lost and tied, and its point share.
 *
 * <p>{@code winRate} is weighted as the ratings count verdicts: a strong verdict counts strong-weight times in it (3 by
 * default), while wins, losses and ties count each game or vote once. One strong win and one loss: W 1, L 1, 75%.
 */
public record TargetWinRate(String competitor, int wins, int losses, int ties, double winRate) {}
