package io.arenainstruct.studio.domain.ratings;

import java.time.Instant;
import java.util.List;

/**
 * Ratings and the views of the same observations (README, "Ratings").
 *
 * @param observations       games and votes counted (each once, whatever its weight)
 * @param battles            distinct battles behind them
 * @param ratings            by rating, best first; disconnected models last, without a rating
 * @param style              the style coefficients; empty without style control
 * @param withoutText        style control: observations left out because an answer's text is missing
 * @param categories         each model's point share per category (all categories, whatever {@code options})
 * @param target             the target model against each competitor; empty without a target
 * @param problems           sentences for the curator: a disconnected graph, a model that won everything, …
 */
public record Leaderboard(
        RatingOptions options,
        Instant computedAt,
        int observations,
        int battles,
        List<ModelRating> ratings,
        List<StyleCoefficient> style,
        int withoutText,
        WinRates winRates,
        List<CategoryWinRate> categories,
        List<TargetWinRate> target,
        List<String> problems) {
    public Leaderboard {
        ratings = List.copyOf(ratings);
        style = List.copyOf(style);
        categories = List.copyOf(categories);
        target = List.copyOf(target);
        problems = List.copyOf(problems);
    }
}
