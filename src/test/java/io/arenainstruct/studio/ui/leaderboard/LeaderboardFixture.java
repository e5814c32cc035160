package io.arenainstruct.studio.ui.leaderboard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import io.arenainstruct.studio.domain.ratings.CategoryWinRate;
import io.arenainstruct.studio.domain.ratings.Leaderboard;
import io.arenainstruct.studio.domain.ratings.ModelRating;
import io.arenainstruct.studio.domain.ratings.RatingFlag;
import io.arenainstruct.studio.domain.ratings.RatingOptions;
import io.arenainstruct.studio.domain.ratings.RatingSource;
import io.arenainstruct.studio.domain.ratings.StyleCoefficient;
import io.arenainstruct.studio.domain.ratings.TargetWinRate;
import io.arenainstruct.studio.domain.ratings.WinRates;
import io.arenainstruct.studio.service.ratings.RatingsProblem;
import io.arenainstruct.studio.service.task.Cancellation;

/**
 * A leaderboard worked out by hand, and ratings that hand it out and record what they were asked.
 *
 * <p>alpha 1080 (1050–1110), beta 1000 (960–1040, few battles), gam‮ma (a right-to-left override in its name) 920
 * (890–965), delta without a rating (never compared). lmarena ranks: alpha 1; beta 2 (alpha's interval lies above);
 * gamma 2 as well (its interval overlaps beta's, only alpha's lies above). alpha beat beta 13, lost 5, tied 2 of 20:
 * (13 + 1) / 20 = 70% of the points; Bradley–Terry predicts 1 / (1 + 10^(−80/400)) = 61.3%.
 */
final class LeaderboardFixture {
    static final String GAMMA = "gam\u202Ema";
    static final Instant AT = Instant.parse("2026-12-07T03:30:05Z");

    private LeaderboardFixture() {}

    static double predicted(double ra, double rb) {
        return 1 / (1 + Math.pow(10, (rb - ra) / 400));
    }

    static Leaderboard board(RatingOptions options) {
        List<ModelRating> ratings = List.of(
                new ModelRating("alpha", 1080, 1050, 1110, 1070, 40, 60, 40, 15, 5, Set.of()),
                new ModelRating("beta", 1000, 960, 1040, 1004, 12, 30, 12, 15, 3, Set.of(RatingFlag.FEW_BATTLES)),
                new ModelRating(GAMMA, 920, 890, 965, 926, 30, 30, 8, 20, 2, Set.of()),
                new ModelRating(
                        "delta",
                        Double.NaN,
                        Double.NaN,
                        Double.NaN,
                        Double.NaN,
                        2,
                        2,
                        1,
                        1,
                        0,
                        Set.of(RatingFlag.DISCONNECTED)));
        double[] r = {1080, 1000, 920, Double.NaN};
        int[][] games = {{0, 20, 10, 0}, {20, 0, 10, 0}, {10, 10, 0, 0}, {0, 0, 0, 0}};
        int[][] wins = {{0, 13, 8, 0}, {5, 0, 6, 0}, {2, 4, 0, 0}, {0, 0, 0, 0}};
        double[][] observed = new double[4][4];
        double[][] predicted = new double[4][4];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                int ties = games[i][j] - wins[i][j] - wins[j][i];
                observed[i][j] = i == j || games[i][j] == 0 ? Double.NaN : (wins[i][j] + ties / 2.0) / games[i][j];
                predicted[i][j] = i == j ? Double.NaN : predicted(r[i], r[j]);
            }
        }
        WinRates rates = new WinRates(List.of("alpha", "beta", GAMMA, "delta"), observed, predicted, games, wins);
        List<CategoryWinRate> categories = List.of(
                new CategoryWinRate("Code", "alpha", 0.75, 20),
                new CategoryWinRate("Math", "alpha", 0.6, 10),
                new CategoryWinRate("Code", "beta", 0.4, 12));
        List<TargetWinRate> target = options.target() == null
                ? List.of()
                : List.of(new TargetWinRate("beta", 13, 5, 2, 0.7), new TargetWinRate(GAMMA, 8, 2, 0, 0.8));
        List<StyleCoefficient> style = options.styleControl()
                ? List.of(
                        new StyleCoefficient("length", 0.25, 0.1, 0.4),
                        new StyleCoefficient("bold", -0.05, Double.NaN, Double.NaN))
                : List.of();
        return new Leaderboard(
                options,
                AT,
                70,
                55,
                ratings,
                style,
                options.styleControl() ? 3 : 0,
                rates,
                categories,
                target,
                List.of("delta was never compared with the other models.", GAMMA + " has few battles."));
    }

    /**
     * The board as if {@code model} had no verdicts under its options: its row, its matrix row and column and its
     * target rows gone; refused, as the fit refuses it, when it is the target.
     */
    static Leaderboard without(Leaderboard b, String model) {
        if (model.equals(b.options().target())) {
            throw new RatingsProblem("No model named " + model + " in the verdicts rated, so it cannot be the target.");
        }
        WinRates w = b.winRates();
        int gone = w.models().indexOf(model);
        int n = w.models().size() - 1;
        List<String> names = new ArrayList<>(w.models());
        names.remove(gone);
        double[][] observed = new double[n][n];
        double[][] predicted = new double[n][n];
        int[][] games = new int[n][n];
        int[][] wins = new int[n][n];
        for (int i = 0, si = 0; si < n + 1; si++) {
            if (si == gone) {
                continue;
            }
            for (int j = 0, sj = 0; sj < n + 1; sj++) {
                if (sj == gone) {
                    continue;
                }
                observed[i][j] = w.observed()[si][sj];
                predicted[i][j] = w.predicted()[si][sj];
                games[i][j] = w.games()[si][sj];
                wins[i][j] = w.wins()[si][sj];
                j++;
            }
            i++;
        }
        return new Leaderboard(
                b.options(),
                b.computedAt(),
                b.observations(),
                b.battles(),
                b.ratings().stream().filter(r -> !r.model().equals(model)).toList(),
                b.style(),
                b.withoutText(),
                new WinRates(names, observed, predicted, games, wins),
                b.categories().stream().filter(c -> !c.model().equals(model)).toList(),
                b.target().stream().filter(t -> !t.competitor().equals(model)).toList(),
                b.problems());
    }

    /**
     * Ratings that answer with {@link #board}, or as {@link #answer} says; records every computation asked, and
     * stops (as the service does) one cancelled before it ran.
     */
    static final class FakeRatings implements LeaderboardViewModel.Ratings {
        final List<RatingOptions> asked = new CopyOnWriteArrayList<>();
        /** Whether each computation asked was cancelled when it ran. */
        final List<Boolean> cancelledWhenRun = new CopyOnWriteArrayList<>();

        volatile Function<RatingOptions, Leaderboard> answer = o -> {
            if (o.source() == RatingSource.IMPORTED) {
                String where = o.category() == null ? "" : " in category " + o.category();
                throw new RatingsProblem("No imported verdicts" + where + ": import battle files to rate them.");
            }
            return board(o);
        };

        @Override
        public Leaderboard compute(RatingOptions options, Cancellation cancellation) {
            asked.add(options);
            cancelledWhenRun.add(cancellation.isCancelled());
            if (cancellation.isCancelled()) {
                throw new CancellationException("ratings cancelled");
            }
            return answer.apply(options);
        }

        @Override
        public List<String> categories() {
            return List.of("Code", "Math");
        }
    }
}
