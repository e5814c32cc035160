package io.arenainstruct.studio.domain.ratings;

import java.util.Set;

/**
 * One model's row of the leaderboard.
 *
 * @param rating       Bradley–Terry rating on the Elo scale (style-controlled when asked); NaN when disconnected
 * @param ciLow        lower end of the 95% interval; NaN without one (none for a bound: {@link RatingFlag#UNBOUNDED})
 * @param elo          the online Elo rating (K = 4, in time order), for comparison; NaN when disconnected
 * @param battles      distinct battles with at least one observation of this model
 * @param observations games and votes counted for this model (each once, whatever its weight)
 * @param wins         observations this model won (likewise losses and ties; both-bad counted as a tie when it is)
 */
public record ModelRating(
        String model,
        double rating,
        double ciLow,
        double ciHigh,
        double elo,
        int battles,
        int observations,
        int wins,
        int losses,
        int ties,
        Set<RatingFlag> flags) {
    public ModelRating {
        flags = Set.copyOf(flags);
    }
}
