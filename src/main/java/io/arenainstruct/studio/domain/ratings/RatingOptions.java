package io.arenainstruct.studio.domain.ratings;

import java.util.Locale;

import io.arenainstruct.studio.domain.TimeRange;

/**
 * What a leaderboard is computed from and how (the {@code ratings} command's options).
 *
 * @param strongWeight   how many times a strong verdict (A&gt;&gt;B) counts, as Arena-Hard counts it (default 3,
 *                       at most {@value #MAX_STRONG_WEIGHT})
 * @param bothBadAsTie   both-bad verdicts count as ties (default); false leaves them out
 * @param bootstrap      bootstrap rounds (default 100, at most {@value #MAX_BOOTSTRAP}); also used for the style
 *                       coefficients' intervals
 * @param seed           the bootstrap's seed: the same options on the same verdicts give the same figures
 * @param styleControl   fit the contextual Bradley–Terry model with the four style features
 * @param styleLambda    the L2 penalty on the style coefficients, on the summed log-likelihood (default 0.5)
 * @param anchor         a model whose rating is fixed (null: ratings centred on a mean of 1000)
 * @param category       only battles of this category (null: all)
 * @param target         the model whose win rate against each competitor is reported (null: none)
 * @param battlesCreated only the verdicts on battles created in this range (null: all); a battle's verdicts are all
 *                       in or all out, so the source's rules per battle (combined, juries) hold (decision 0017);
 *                       with a range, battles that redo a both-bad battle are left out (an iteration's figures,
 *                       decision 0019)
 */
public record RatingOptions(
        RatingSource source,
        int strongWeight,
        boolean bothBadAsTie,
        int bootstrap,
        long seed,
        CiMethod ci,
        boolean styleControl,
        double styleLambda,
        Anchor anchor,
        String category,
        String target,
        TimeRange battlesCreated) {

    public static final int DEFAULT_STRONG_WEIGHT = 3;
    public static final int DEFAULT_BOOTSTRAP = 100;
    public static final long DEFAULT_SEED = 42;
    public static final double DEFAULT_STYLE_LAMBDA = 0.5;
    /** The most a strong verdict may count (Arena-Hard uses 3). */
    public static final int MAX_STRONG_WEIGHT = 10;
    /** The most bootstrap rounds (published leaderboards use 100 to 1,000). */
    public static final int MAX_BOOTSTRAP = 10_000;

    /** A model's rating fixed at a value; the others follow. */
    public record Anchor(String model, double rating) {}

    /** Options over the battles of all time. */
    public RatingOptions(
            RatingSource source,
            int strongWeight,
            boolean bothBadAsTie,
            int bootstrap,
            long seed,
            CiMethod ci,
            boolean styleControl,
            double styleLambda,
            Anchor anchor,
            String category,
            String target) {
        this(
                source,
                strongWeight,
                bothBadAsTie,
                bootstrap,
                seed,
                ci,
                styleControl,
                styleLambda,
                anchor,
                category,
                target,
                null);
    }

    public RatingOptions {
        if (source == null || ci == null) {
            throw new IllegalArgumentException("a source and an interval method are needed");
        }
        // upper bounds so a typo cannot hang the fit (online Elo replays a strong verdict weight times) or exhaust
        // memory (each bootstrap round keeps its ratings for the percentiles)
        if (strongWeight < 1 || strongWeight > MAX_STRONG_WEIGHT) {
            throw new IllegalArgumentException(
                    "the strong verdict weight must be from 1 to " + MAX_STRONG_WEIGHT + ", not " + strongWeight);
        }
        if (bootstrap < 0 || bootstrap > MAX_BOOTSTRAP) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT, "bootstrap rounds must be from 0 to %,d, not %,d", MAX_BOOTSTRAP, bootstrap));
        }
        if (!(styleLambda >= 0) || Double.isInfinite(styleLambda)) {
            throw new IllegalArgumentException("the style penalty must be a number 0 or more, not " + styleLambda);
        }
    }

    /** Combined verdicts, strong ×3, both-bad as a tie, 100 bootstrap rounds, seed 42, no style control. */
    public static RatingOptions defaults() {
        return new RatingOptions(
                RatingSource.COMBINED,
                DEFAULT_STRONG_WEIGHT,
                true,
                DEFAULT_BOOTSTRAP,
                DEFAULT_SEED,
                CiMethod.BOOTSTRAP,
                false,
                DEFAULT_STYLE_LAMBDA,
                null,
                null,
                null);
    }

    public RatingOptions withSource(RatingSource s) {
        return new RatingOptions(
                s,
                strongWeight,
                bothBadAsTie,
                bootstrap,
                seed,
                ci,
                styleControl,
                styleLambda,
                anchor,
                category,
                target,
                battlesCreated);
    }

    public RatingOptions withStyleControl(boolean on) {
        return new RatingOptions(
                source,
                strongWeight,
                bothBadAsTie,
                bootstrap,
                seed,
                ci,
                on,
                styleLambda,
                anchor,
                category,
                target,
                battlesCreated);
    }

    public RatingOptions withCategory(String c) {
        return new RatingOptions(
                source,
                strongWeight,
                bothBadAsTie,
                bootstrap,
                seed,
                ci,
                styleControl,
                styleLambda,
                anchor,
                c,
                target,
                battlesCreated);
    }

    public RatingOptions withTarget(String t) {
        return new RatingOptions(
                source,
                strongWeight,
                bothBadAsTie,
                bootstrap,
                seed,
                ci,
                styleControl,
                styleLambda,
                anchor,
                category,
                t,
                battlesCreated);
    }

    /** Only the verdicts on battles created in {@code range} (null: all battles). */
    public RatingOptions withBattlesCreated(TimeRange range) {
        return new RatingOptions(
                source,
                strongWeight,
                bothBadAsTie,
                bootstrap,
                seed,
                ci,
                styleControl,
                styleLambda,
                anchor,
                category,
                target,
                range);
    }
}
