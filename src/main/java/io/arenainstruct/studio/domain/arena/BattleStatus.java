package io.arenainstruct.studio.domain.arena;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where a battle stands. Disputed: the judges did not settle it (a game with no readable verdict, games that
 * contradict each other once un-swapped, or a jury without a majority), so it goes to humans first.
 */
public enum BattleStatus {
    UNJUDGED,
    JUDGED,
    DISPUTED,
    ADJUDICATED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Where people's votes on a battle leave it: adjudicated when more than half of them say the same (unanimous or
     * a majority), disputed when they are split with no majority. No votes: unjudged.
     */
    public static BattleStatus ofPeoplesVotes(Collection<Outcome> votes) {
        if (votes.isEmpty()) {
            return UNJUDGED;
        }
        Map<Outcome, Integer> tally = new EnumMap<>(Outcome.class);
        for (Outcome o : votes) {
            tally.merge(o, 1, Integer::sum);
        }
        boolean majority = tally.values().stream().anyMatch(n -> n * 2 > votes.size());
        return majority ? ADJUDICATED : DISPUTED;
    }

    /** The status named by {@link #id()}, case-insensitive. */
    public static BattleStatus of(String id) {
        for (BattleStatus s : values()) {
            if (s.id().equalsIgnoreCase(id.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException(
                "unknown battle status '" + id + "' (unjudged, judged, disputed, adjudicated)");
    }
}
