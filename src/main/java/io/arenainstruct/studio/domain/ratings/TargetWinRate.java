package io.arenainstruct.studio.domain.ratings;

/** The target model against one competitor (Arena Learning): observations won, lost and tied, and its point share. */
public record TargetWinRate(String competitor, int wins, int losses, int ties, double winRate) {}
