package io.arenainstruct.studio.domain.iteration;

/**
 * The target model in one iteration: its rating from the verdicts on the battles created in the iteration, and how
 * those battles went for it (decision 0017). A figure that cannot be computed is NaN.
 *
 * @param rating  Bradley–Terry rating on the Elo scale (combined source, default rating options); NaN when the
 *                iteration's battles do not rate it (no verdicts, one model only, not among the models rated)
 * @param ciLow   lower end of the 95% bootstrap interval; NaN without one
 * @param battles the iteration's battles of the target with at least one verdict the rating counts
 * @param wins    battles the target won: more than half of the points of their counted verdicts (each game or vote
 *                once; a tie, and both-bad as the rating counts it, half a point)
 * @param ties    battles with exactly half the points; {@code losses} the rest
 * @param winRate (wins + ½ ties) / battles; NaN without battles
 */
public record TargetFigures(
        String model,
        double rating,
        double ciLow,
        double ciHigh,
        int battles,
        int wins,
        int losses,
        int ties,
        double winRate) {

    /** Nothing to say about {@code model} (no battles of it with counted verdicts, or no model at all). */
    public static TargetFigures none(String model) {
        return new TargetFigures(model, Double.NaN, Double.NaN, Double.NaN, 0, 0, 0, 0, Double.NaN);
    }
}
