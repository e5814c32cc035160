package io.arenainstruct.studio.domain.arena;

/** Which battles a list shows; null fields do not filter. */
public record BattleFilter(BattleStatus status, String model, String category, String judge) {
    public static final BattleFilter ALL = new BattleFilter(null, null, null, null);
}
