package io.arenainstruct.studio.domain.arena;

import java.util.Locale;

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
