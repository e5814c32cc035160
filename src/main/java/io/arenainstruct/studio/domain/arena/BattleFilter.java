package io.arenainstruct.studio.domain.arena;

/**
 * Which battles a list shows; null fields do not filter.
 *
 * @param forRegeneration only battles whose people's verdict is both-bad (more than half of their human votes): the
 *                        battles to answer again
 */
public record BattleFilter(BattleStatus status, String model, String category, String judge, boolean forRegeneration) {
    public static final BattleFilter ALL = new BattleFilter(null, null, null, null);

    public BattleFilter(BattleStatus status, String model, String category, String judge) {
        this(status, model, category, judge, false);
    }

    public static BattleFilter toRegenerate() {
        return new BattleFilter(null, null, null, null, true);
    }
}
