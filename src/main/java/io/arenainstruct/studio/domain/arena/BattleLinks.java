package io.arenainstruct.studio.domain.arena;

import java.util.List;

/**
 * How a battle stands to regeneration (decision 0019): the failed (both-bad) battle it redoes, and the battles that
 * redo it. A battle neither redoes nor was redone has no links.
 *
 * @param regenerates   the failed battle this one redoes; null when it redoes none
 * @param regeneratedAs the battles that redo this one, in id order; empty when none
 */
public record BattleLinks(Long regenerates, List<Long> regeneratedAs) {
    public static final BattleLinks NONE = new BattleLinks(null, List.of());

    public BattleLinks {
        regeneratedAs = List.copyOf(regeneratedAs);
    }
}
