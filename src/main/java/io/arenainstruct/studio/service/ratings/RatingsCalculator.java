package io.arenainstruct.studio.service.ratings;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.stream.IntStream;

import io.arenainstruct.studio.domain.ratings.CategoryWinRate;
import io.arenainstruct.studio.domain.ratings.CiMethod;
import io.arenainstruct.studio.domain.ratings.Leaderboard;
import io.arenainstruct.studio.domain.ratings.ModelRating;
import io.arenainstruct.studio.domain.ratings.RatingFlag;
import io.arenainstruct.studio.domain.ratings.RatingOptions;
import io.arenainstruct.studio.domain.ratings.StyleCoefficient;
import io.arenainstruct.studio.domain.ratings.TargetWinRate;
import io.arenainstruct.studio.domain.ratings.WinRates;
import io.arenainstruct.studio.service.task.Cancellation;

/**
 * Observations to a leaderboard (README, "Ratings"): Bradley–Terry ratings on the Elo scale (400/ln 10 × strength,
 * centred on a mean of 1000 or anchored), bootstrap or sandwich 95% intervals, style control, online Elo, win rates.
 * Pure and deterministic: the same observations, options and seed give the same leaderboard, byte for byte.
 */
public final class RatingsCalculator {
    /** 400/ln 10: a strength difference of 1 (odds ×e) in rating points. */
    public static final double SCALE = 400 / Math.log(10);

    public static final double CENTRE = 1000;

    /** A model with fewer observations than this in the data rated is flagged {@link RatingFlag#FEW_BATTLES}. */
    public static final int FEW_OBSERVATIONS = 20;

    private static final double Z95 = 1.959963984540054;

    private RatingsCalculator() {}

    /** The fitted strengths (and coefficients), the bootstrap rounds' and the sandwich covariance. */
    private record Fit(
            double[] strengths, double[] beta, double[][] bootStrengths, double[][] bootBeta, double[][] covariance) {}

    /**
     * The leaderboard of the observations.
     *
     * @throws RatingsProblem when there is nothing meaningful to rate (the sentence says why)
     */
    public static Leaderboard compute(Observations obs, RatingOptions options, Instant computedAt) {
        return compute(obs, options, computedAt, Cancellation.NEVER);
    }

    /**
     * The leaderboard of the observations, stopped when {@code cancellation} says so.
     *
     * @throws RatingsProblem        when there is nothing meaningful to rate (the sentence says why)
     * @throws CancellationException when {@code cancellation} says so (checked between bootstrap rounds), so a
     *                               recomputation made stale by newer verdicts stops early
     */
    public static Leaderboard compute(
            Observations obs, RatingOptions options, Instant computedAt, Cancellation cancellation) {
        if (obs.size() == 0) {
            throw new RatingsProblem("No verdicts to rate for the "
                    + options.source().id() + " source: judge some battles or vote on them first.");
        }
        List<String> names = obs.models();
        int models = names.size();
        int[] used = rowsRated(obs, options);
        boolean[] present = new boolean[models];
        for (int r : used) {
            present[obs.a(r)] = true;
            present[obs.b(r)] = true;
        }
        int presentCount = count(present);
        if (presentCount < 2) {
            String only = names.get(obs.a(used[0]));
            throw new RatingsProblem("Only one model (" + only + ") has verdicts to rate: ratings need two or more.");
        }
        RatingOptions.Anchor anchor = options.anchor();
        if (anchor != null && !Double.isFinite(anchor.rating())) {
            throw new RatingsProblem("The anchor's rating must be a number, not " + anchor.rating() + ".");
        }
        if (anchor != null && !isPresent(names, present, anchor.model())) {
            throw new RatingsProblem(
                    "No model named " + anchor.model() + " in the verdicts rated, so it cannot be the anchor.");
        }
        List<String> problems = new ArrayList<>();

        // the rows fitted: style control needs both answers' text
        int[] fitted = used;
        int withoutText = 0;
        if (options.styleControl()) {
            fitted = Arrays.stream(used).filter(obs::hasStyle).toArray();
            withoutText = used.length - fitted.length;
            if (fitted.length == 0) {
                throw new RatingsProblem("None of the " + used.length + " verdicts rated has both answers' text:"
                        + " style control needs it.");
            }
        }
        boolean[][] met = new boolean[models][models];
        boolean[] inFit = new boolean[models];
        int[] fittedCount = new int[models];
        for (int r : fitted) {
            met[obs.a(r)][obs.b(r)] = true;
            met[obs.b(r)][obs.a(r)] = true;
            inFit[obs.a(r)] = true;
            inFit[obs.b(r)] = true;
            fittedCount[obs.a(r)]++;
            fittedCount[obs.b(r)]++;
        }
        Graphs.MainGroup main = Graphs.largestComponent(met, inFit, fittedCount, names);
        boolean[] rated = main.members();
        int[] local = new int[models];
        Arrays.fill(local, -1);
        int m = 0;
        for (int g = 0; g < models; g++) {
            if (rated[g]) {
                local[g] = m++;
            }
        }
        int anchorLocal = -1;
        if (anchor != null) {
            anchorLocal = local[names.indexOf(anchor.model())];
            if (anchorLocal < 0) {
                throw new RatingsProblem("The anchor " + anchor.model() + " was never compared with the main group"
                        + " of models, so it cannot fix their ratings.");
            }
        }
        int[] fitRows = Arrays.stream(fitted).filter(r -> rated[obs.a(r)]).toArray();

        Fit fit;
        boolean[] unbounded;
        if (options.styleControl()) {
            StyleBradleyTerry style = styleModel(obs, fitRows, local, m, options.styleLambda());
            boolean[][] scored = style.scored(null);
            unbounded = notPinnedDown(scored);
            fit = fitStyle(style, !Graphs.stronglyConnected(scored), options, cancellation);
        } else {
            PairCells cells = PairCells.of(obs, fitRows, local, m);
            boolean[][] scored = cells.scored(cells.cellCount);
            unbounded = notPinnedDown(scored);
            fit = fitPlain(cells, !Graphs.stronglyConnected(scored), options, cancellation);
        }
        // every rating is measured from the anchor: if its own place is only a bound, so is everyone's
        boolean anchorUnbounded = anchorLocal >= 0 && unbounded[anchorLocal];
        if (anchorUnbounded) {
            Arrays.fill(unbounded, true);
        }

        double[] rating = normalise(fit.strengths(), anchorLocal, anchor);
        double[][] bounds = intervals(fit, anchorLocal, anchor);
        double[] low = bounds[0];
        double[] high = bounds[1];

        // counts over every row rated (with or without text)
        Tally tally = Tally.of(obs, used, models);
        double[] elo = OnlineElo.compute(obs, used, models);

        List<Integer> order = new ArrayList<>();
        for (int g = 0; g < models; g++) {
            if (present[g]) {
                order.add(g);
            }
        }
        order.sort(Comparator.<Integer>comparingInt(g -> rated[g] ? 0 : 1)
                .thenComparing(g -> rated[g] ? -rating[local[g]] : -tally.observations[g])
                .thenComparing(names::get));

        List<ModelRating> rows = new ArrayList<>();
        List<String> ratedNames = new ArrayList<>();
        List<String> disconnected = new ArrayList<>();
        List<String> bound = new ArrayList<>();
        List<String> few = new ArrayList<>();
        for (int g : order) {
            Set<RatingFlag> flags = EnumSet.noneOf(RatingFlag.class);
            int l = local[g];
            if (l < 0) {
                flags.add(RatingFlag.DISCONNECTED);
                disconnected.add(names.get(g));
            } else {
                ratedNames.add(names.get(g));
                if (unbounded[l]) {
                    flags.add(RatingFlag.UNBOUNDED);
                    bound.add(names.get(g));
                }
            }
            if (tally.observations[g] < FEW_OBSERVATIONS) {
                flags.add(RatingFlag.FEW_BATTLES);
                few.add(names.get(g));
            }
            // a bound has no interval: its spread over bootstrap rounds or its standard error only reflects the ridge
            boolean interval = l >= 0 && !unbounded[l];
            rows.add(new ModelRating(
                    names.get(g),
                    l < 0 ? Double.NaN : rating[l],
                    interval ? low[l] : Double.NaN,
                    interval ? high[l] : Double.NaN,
                    l < 0 ? Double.NaN : elo[g],
                    tally.battles(g),
                    tally.observations[g],
                    tally.wins[g],
                    tally.losses[g],
                    tally.ties[g],
                    flags));
        }
        if (!disconnected.isEmpty() && main.sizeTied()) {
            problems.add("No single main group" + (options.styleControl() ? " in the verdicts with text" : "") + ": "
                    + String.join(", ", ratedNames) + " were never compared with " + String.join(", ", disconnected)
                    + "; rated " + String.join(", ", ratedNames)
                    + (main.countTied()
                            ? " (as many verdicts as another group as large; the first by name)"
                            : " (the group with the most verdicts)")
                    + "; not rated " + String.join(", ", disconnected) + ".");
        } else if (!disconnected.isEmpty()) {
            problems.add((options.styleControl()
                            ? "Not compared with the main group in the verdicts with text"
                            : "Not compared with the main group of models")
                    + ", so without a rating: " + String.join(", ", disconnected) + ".");
        }
        if (anchorUnbounded) {
            problems.add("The verdicts do not pin the anchor " + anchor.model() + " down against the others (some"
                    + " models won or lost every comparison with the rest), so every rating is only a bound, without"
                    + " an interval: " + String.join(", ", bound) + ".");
        } else if (!bound.isEmpty()) {
            problems.add("Some models won or lost every comparison with the rest, so the verdicts do not pin these"
                    + " ratings down; each is only a bound, without an interval: " + String.join(", ", bound) + ".");
        }
        boolean targetRated = options.target() == null || isPresent(names, present, options.target());
        if (!targetRated) {
            problems.add(options.target() + " has no verdicts in what was rated: no target figures.");
        }
        if (!few.isEmpty()) {
            problems.add("Fewer than " + FEW_OBSERVATIONS + " verdicts behind " + String.join(", ", few)
                    + ": an interval on so few means little.");
        }
        if (obs.bothBadLeftOut() > 0) {
            problems.add(plural(obs.bothBadLeftOut(), "both-bad verdict") + " left out, as asked.");
        }
        if (obs.editedLeftOut() > 0) {
            problems.add(plural(obs.editedLeftOut(), "vote")
                    + " for an answer edited first left out: the edited text is not what the model answered.");
        }
        if (withoutText > 0) {
            problems.add(plural(withoutText, "verdict") + " without both answers' text left out of style control.");
        }

        List<StyleCoefficient> coefficients = new ArrayList<>();
        if (options.styleControl()) {
            for (int k = 0; k < StyleBradleyTerry.FEATURES; k++) {
                coefficients.add(new StyleCoefficient(StyleCounts.FEATURES[k], fit.beta()[k], low[m + k], high[m + k]));
            }
        }
        int[] orderArray = order.stream().mapToInt(Integer::intValue).toArray();
        WinRates winRates = winRates(obs, used, names, orderArray, local, fit.strengths());
        return new Leaderboard(
                options,
                computedAt,
                used.length,
                distinctBattles(obs, used),
                rows,
                coefficients,
                withoutText,
                winRates,
                categories(obs, orderArray, names),
                targetRated ? target(obs, used, names, orderArray, options.target()) : List.of(),
                problems);
    }

    /** The rows of the category asked for (all without one). */
    private static int[] rowsRated(Observations obs, RatingOptions options) {
        if (options.category() == null) {
            int[] all = new int[obs.size()];
            Arrays.setAll(all, i -> i);
            return all;
        }
        int c = obs.categories().indexOf(options.category());
        int[] rows = c < 0
                ? new int[0]
                : IntStream.range(0, obs.size())
                        .filter(i -> obs.categoryOf(i) == c)
                        .toArray();
        if (rows.length == 0) {
            throw new RatingsProblem("No verdicts to rate in the category " + options.category() + ".");
        }
        return rows;
    }

    private static Fit fitPlain(PairCells cells, boolean ridge, RatingOptions options, Cancellation cancellation) {
        double[][] totals = cells.totals(cells.cellCount);
        double[] s = BradleyTerry.fit(cells, totals[0], totals[1], ridge, null);
        double[][] boot = new double[0][];
        double[][] cov = null;
        if (options.ci() == CiMethod.BOOTSTRAP) {
            // FastChat's compute_bootstrap_bt and arena-rank draw each round's counts as a multinomial over the
            // unique rows; drawing n observations uniformly and counting their cells is that multinomial.
            // A strong verdict is one observation carrying its weight: Arena-Hard appends its row weight times and
            // so resamples the copies independently, as if they were separate evidence, which narrows intervals.
            boot = new double[options.bootstrap()][];
            SplittableRandom random = new SplittableRandom(options.seed());
            int n = cells.observations();
            for (int round = 0; round < boot.length; round++) {
                stopIfCancelled(cancellation);
                int[] counts = new int[cells.cells()];
                for (int t = 0; t < n; t++) {
                    counts[cells.observationCell[random.nextInt(n)]]++;
                }
                double[][] roundTotals = cells.totals(counts);
                boolean roundRidge = ridge || !Graphs.stronglyConnected(cells.scored(counts));
                boot[round] = BradleyTerry.fit(cells, roundTotals[0], roundTotals[1], roundRidge, s);
            }
        } else {
            cov = BradleyTerry.sandwich(cells, s, ridge);
        }
        return new Fit(s, new double[0], boot, new double[boot.length][0], cov);
    }

    private static StyleBradleyTerry styleModel(Observations obs, int[] rows, int[] local, int m, double lambda) {
        int n = rows.length;
        int[] a = new int[n];
        int[] b = new int[n];
        double[] score = new double[n];
        double[] weight = new double[n];
        double[] raw = new double[n * StyleBradleyTerry.FEATURES];
        for (int t = 0; t < n; t++) {
            int r = rows[t];
            a[t] = local[obs.a(r)];
            b[t] = local[obs.b(r)];
            score[t] = obs.score(r);
            weight[t] = obs.weight(r);
            for (int k = 0; k < StyleBradleyTerry.FEATURES; k++) {
                raw[t * StyleBradleyTerry.FEATURES + k] = StyleBradleyTerry.feature(obs.styleA(r, k), obs.styleB(r, k));
            }
        }
        return new StyleBradleyTerry(m, a, b, score, weight, raw, lambda);
    }

    private static Fit fitStyle(
            StyleBradleyTerry style, boolean ridge, RatingOptions options, Cancellation cancellation) {
        int m = style.models;
        int f = StyleBradleyTerry.FEATURES;
        double[] theta = style.fit(null, ridge, null);
        double[][] bootS = new double[0][];
        double[][] bootB = new double[0][];
        double[][] cov = null;
        if (options.ci() == CiMethod.BOOTSTRAP) {
            bootS = new double[options.bootstrap()][];
            bootB = new double[options.bootstrap()][];
            SplittableRandom random = new SplittableRandom(options.seed());
            int n = style.rows();
            for (int round = 0; round < bootS.length; round++) {
                stopIfCancelled(cancellation);
                int[] counts = new int[n];
                for (int t = 0; t < n; t++) {
                    counts[random.nextInt(n)]++;
                }
                boolean roundRidge = ridge || !Graphs.stronglyConnected(style.scored(counts));
                double[] r = style.fit(counts, roundRidge, theta);
                bootS[round] = Arrays.copyOf(r, m);
                bootB[round] = Arrays.copyOfRange(r, m, m + f);
            }
        } else {
            cov = style.sandwich(theta, ridge);
        }
        return new Fit(Arrays.copyOf(theta, m), Arrays.copyOfRange(theta, m, m + f), bootS, bootB, cov);
    }

    /** Ratings on the Elo scale: centred on a mean of 1000, or the anchor's fixed. */
    static double[] normalise(double[] s, int anchorLocal, RatingOptions.Anchor anchor) {
        double[] r = new double[s.length];
        double base;
        double origin;
        if (anchorLocal >= 0) {
            base = anchor.rating();
            origin = s[anchorLocal];
        } else {
            base = CENTRE;
            origin = Arrays.stream(s).average().orElse(0);
        }
        for (int i = 0; i < s.length; i++) {
            r[i] = base + SCALE * (s[i] - origin);
        }
        return r;
    }

    /** The lower and upper ends of the 95% intervals of the m ratings then the coefficients (NaN without one). */
    private static double[][] intervals(Fit fit, int anchorLocal, RatingOptions.Anchor anchor) {
        int m = fit.strengths().length;
        int f = fit.beta().length;
        double[] lowAll = new double[m + f];
        double[] highAll = new double[m + f];
        Arrays.fill(lowAll, Double.NaN);
        Arrays.fill(highAll, Double.NaN);
        if (fit.covariance() != null) {
            double[][] c = fit.covariance();
            double[] r = normalise(fit.strengths(), anchorLocal, anchor);
            for (int i = 0; i < m; i++) {
                double var = anchorLocal < 0 ? c[i][i] : c[i][i] + c[anchorLocal][anchorLocal] - 2 * c[i][anchorLocal];
                double half = Z95 * SCALE * Math.sqrt(Math.max(var, 0));
                lowAll[i] = r[i] - half;
                highAll[i] = r[i] + half;
            }
            for (int k = 0; k < f; k++) {
                double half = Z95 * Math.sqrt(Math.max(c[m + k][m + k], 0));
                lowAll[m + k] = fit.beta()[k] - half;
                highAll[m + k] = fit.beta()[k] + half;
            }
        } else if (fit.bootStrengths().length > 0) {
            int rounds = fit.bootStrengths().length;
            double[][] ratings = new double[rounds][];
            for (int round = 0; round < rounds; round++) {
                ratings[round] = normalise(fit.bootStrengths()[round], anchorLocal, anchor);
            }
            for (int i = 0; i < m; i++) {
                double[] v = new double[rounds];
                for (int round = 0; round < rounds; round++) {
                    v[round] = ratings[round][i];
                }
                lowAll[i] = Quantiles.linear(v, 0.025);
                highAll[i] = Quantiles.linear(v, 0.975);
            }
            for (int k = 0; k < f; k++) {
                double[] v = new double[rounds];
                for (int round = 0; round < rounds; round++) {
                    v[round] = fit.bootBeta()[round][k];
                }
                lowAll[m + k] = Quantiles.linear(v, 0.025);
                highAll[m + k] = Quantiles.linear(v, 0.975);
            }
        }
        return new double[][] {lowAll, highAll};
    }

    /**
     * Models (local) whose rating the verdicts do not pin down (decision 0012): every model outside the win graph's
     * largest strongly connected group, and every model when no group is the single largest. Between strongly
     * connected groups the likelihood keeps growing as they move apart, so only differences within one group are
     * finite; a single largest group is the reference, and without one no rating is more than a bound.
     */
    private static boolean[] notPinnedDown(boolean[][] scored) {
        boolean[] group = Graphs.uniqueLargestStrongComponent(scored);
        boolean[] out = new boolean[group.length];
        for (int i = 0; i < group.length; i++) {
            out[i] = !group[i];
        }
        return out;
    }

    /** Counts per model (global index) over the rows rated: each observation once, whatever its weight. */
    private static final class Tally {
        final int[] observations;
        final int[] wins;
        final int[] losses;
        final int[] ties;
        final List<Set<Long>> battles;

        private Tally(int models) {
            observations = new int[models];
            wins = new int[models];
            losses = new int[models];
            ties = new int[models];
            battles = new ArrayList<>();
            for (int g = 0; g < models; g++) {
                battles.add(new HashSet<>());
            }
        }

        static Tally of(Observations obs, int[] rows, int models) {
            Tally t = new Tally(models);
            for (int r : rows) {
                int a = obs.a(r);
                int b = obs.b(r);
                t.observations[a]++;
                t.observations[b]++;
                t.battles.get(a).add(obs.battle(r));
                t.battles.get(b).add(obs.battle(r));
                if (obs.score(r) == 1) {
                    t.wins[a]++;
                    t.losses[b]++;
                } else if (obs.score(r) == 0) {
                    t.wins[b]++;
                    t.losses[a]++;
                } else {
                    t.ties[a]++;
                    t.ties[b]++;
                }
            }
            return t;
        }

        int battles(int g) {
            return battles.get(g).size();
        }
    }

    private static WinRates winRates(
            Observations obs, int[] rows, List<String> names, int[] order, int[] local, double[] s) {
        int k = order.length;
        int[] position = new int[names.size()];
        Arrays.fill(position, -1);
        for (int i = 0; i < k; i++) {
            position[order[i]] = i;
        }
        int[][] games = new int[k][k];
        int[][] wins = new int[k][k];
        double[][] points = new double[k][k];
        double[][] weight = new double[k][k];
        for (int r : rows) {
            int i = position[obs.a(r)];
            int j = position[obs.b(r)];
            double w = obs.weight(r);
            double sa = obs.score(r);
            games[i][j]++;
            games[j][i]++;
            if (sa == 1) {
                wins[i][j]++;
            } else if (sa == 0) {
                wins[j][i]++;
            }
            points[i][j] += w * sa;
            points[j][i] += w * (1 - sa);
            weight[i][j] += w;
            weight[j][i] += w;
        }
        double[][] observed = new double[k][k];
        double[][] predicted = new double[k][k];
        List<String> models = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            models.add(names.get(order[i]));
            for (int j = 0; j < k; j++) {
                observed[i][j] = weight[i][j] > 0 ? points[i][j] / weight[i][j] : Double.NaN;
                int li = local[order[i]];
                int lj = local[order[j]];
                predicted[i][j] = i == j || li < 0 || lj < 0 ? Double.NaN : BradleyTerry.sigmoid(s[li] - s[lj]);
            }
        }
        return new WinRates(models, observed, predicted, games, wins);
    }

    /** Each model's weighted point share per category, over every observation (whatever the category asked). */
    private static List<CategoryWinRate> categories(Observations obs, int[] order, List<String> names) {
        List<String> categories = obs.categories();
        int models = names.size();
        double[][] points = new double[categories.size()][models];
        double[][] weight = new double[categories.size()][models];
        int[][] count = new int[categories.size()][models];
        for (int r = 0; r < obs.size(); r++) {
            int c = obs.categoryOf(r);
            if (c < 0) {
                continue;
            }
            double w = obs.weight(r);
            points[c][obs.a(r)] += w * obs.score(r);
            points[c][obs.b(r)] += w * (1 - obs.score(r));
            weight[c][obs.a(r)] += w;
            weight[c][obs.b(r)] += w;
            count[c][obs.a(r)]++;
            count[c][obs.b(r)]++;
        }
        // leaderboard order first, then models absent from the rows rated (another category) by name
        List<Integer> modelOrder = new ArrayList<>();
        for (int g : order) {
            modelOrder.add(g);
        }
        List<Integer> rest = new ArrayList<>();
        for (int g = 0; g < models; g++) {
            if (!modelOrder.contains(g)) {
                rest.add(g);
            }
        }
        rest.sort(Comparator.comparing(names::get));
        modelOrder.addAll(rest);
        List<CategoryWinRate> out = new ArrayList<>();
        for (int c = 0; c < categories.size(); c++) {
            for (int g : modelOrder) {
                if (count[c][g] > 0) {
                    out.add(new CategoryWinRate(
                            categories.get(c), names.get(g), points[c][g] / weight[c][g], count[c][g]));
                }
            }
        }
        return out;
    }

    private static List<TargetWinRate> target(
            Observations obs, int[] rows, List<String> names, int[] order, String target) {
        if (target == null) {
            return List.of();
        }
        int t = names.indexOf(target);
        int models = names.size();
        int[] wins = new int[models];
        int[] losses = new int[models];
        int[] ties = new int[models];
        double[] points = new double[models];
        double[] weight = new double[models];
        for (int r : rows) {
            int other;
            double st;
            if (obs.a(r) == t) {
                other = obs.b(r);
                st = obs.score(r);
            } else if (obs.b(r) == t) {
                other = obs.a(r);
                st = 1 - obs.score(r);
            } else {
                continue;
            }
            if (st == 1) {
                wins[other]++;
            } else if (st == 0) {
                losses[other]++;
            } else {
                ties[other]++;
            }
            points[other] += obs.weight(r) * st;
            weight[other] += obs.weight(r);
        }
        List<TargetWinRate> out = new ArrayList<>();
        for (int g : order) {
            if (g != t && weight[g] > 0) {
                out.add(new TargetWinRate(names.get(g), wins[g], losses[g], ties[g], points[g] / weight[g]));
            }
        }
        return out;
    }

    private static int distinctBattles(Observations obs, int[] rows) {
        Set<Long> battles = new HashSet<>();
        for (int r : rows) {
            battles.add(obs.battle(r));
        }
        return battles.size();
    }

    private static boolean isPresent(List<String> names, boolean[] present, String model) {
        int g = names.indexOf(model);
        return g >= 0 && present[g];
    }

    private static void stopIfCancelled(Cancellation cancellation) {
        if (cancellation.isCancelled()) {
            throw new CancellationException("ratings cancelled");
        }
    }

    private static int count(boolean[] flags) {
        int n = 0;
        for (boolean f : flags) {
            if (f) {
                n++;
            }
        }
        return n;
    }

    private static String plural(int n, String noun) {
        return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
    }
}
