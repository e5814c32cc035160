package io.arenainstruct.studio.service.arena.battlefiles;

import java.util.List;
import java.util.Locale;

import io.arenainstruct.studio.domain.arena.Outcome;
import io.arenainstruct.studio.service.arena.Combined;
import io.arenainstruct.studio.service.arena.GameReading;

/**
 * The combined verdict of a FastChat pair row, decided as FastChat's own {@code show_result.py}
 * ({@code display_result_pairwise}) counts it, so win rates read from the store match FastChat's: a win only when
 * both games name the same model; one game a tie, or the games naming different models, is a tie. Games naming
 * different models are also flagged as a position bias and go to people. (Rows with an {@code error} game, which
 * FastChat drops, get no combined verdict at all: the importer never calls this for them.)
 */
final class FastChatCount {
    private FastChatCount() {}

    /** The two games' readings, in the battle's orientation, both read. */
    static Combined combined(List<GameReading> games) {
        if (games.size() != 2) {
            throw new IllegalArgumentException("a FastChat pair row has two games, not " + games.size());
        }
        Outcome g1 = games.get(0).outcome();
        Outcome g2 = games.get(1).outcome();
        if (g1 == g2) {
            return new Combined(g1, null, null, null, false, false, "the games agree");
        }
        if (g1 != Outcome.TIE && g2 != Outcome.TIE) {
            return new Combined(
                    Outcome.TIE,
                    null,
                    null,
                    null,
                    true,
                    true,
                    "the games name different winners (position bias): a tie, as FastChat counts it");
        }
        return new Combined(
                Outcome.TIE,
                null,
                null,
                null,
                false,
                false,
                "one game a tie, the other for "
                        + (g1 == Outcome.TIE ? g2 : g1).id().toUpperCase(Locale.ROOT)
                        + ": a tie, as FastChat counts it");
    }
}
