package io.arenainstruct.studio.service.ratings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.arenainstruct.studio.domain.ratings.CiMethod;
import io.arenainstruct.studio.domain.ratings.Leaderboard;
import io.arenainstruct.studio.domain.ratings.ModelRating;
import io.arenainstruct.studio.domain.ratings.RatingOptions;
import io.arenainstruct.studio.domain.ratings.StyleCoefficient;

/**
 * Battles drawn from known strengths: the fit recovers them, and its 95% intervals cover them about 95% of the time
 * (the number of simulations and the tolerance are in each test).
 */
class RatingsSimulationTest {
    private static final double TIE = 0.2;

    /**
     * Battles between random pairs: a tie with probability 0.2, else a win with the probability that makes a's
     * expected score σ(s_a − s_b), the Bradley–Terry model with a tie as half a win.
     */
    static Observations simulate(double[] strengths, int battles, SplittableRandom random) {
        Observations obs = new Observations();
        for (int i = 0; i < strengths.length; i++) {
            obs.model("m" + i);
        }
        for (int t = 0; t < battles; t++) {
            int a = random.nextInt(strengths.length);
            int b = random.nextInt(strengths.length - 1);
            if (b >= a) {
                b++;
            }
            double expected = 1 / (1 + Math.exp(strengths[b] - strengths[a]));
            double score;
            if (random.nextDouble() < TIE) {
                score = 0.5;
            } else {
                score = random.nextDouble() < (expected - TIE / 2) / (1 - TIE) ? 1 : 0;
            }
            obs.add(a, b, score, 1, -1, t, null, null);
        }
        return obs;
    }

    static double[] trueRatings(double[] strengths) {
        double mean = Arrays.stream(strengths).average().orElseThrow();
        return Arrays.stream(strengths)
                .map(s -> 1000 + 400 / Math.log(10) * (s - mean))
                .toArray();
    }

    @Test
    void recoversTheTrueOrder() {
        double[] strengths = {0.0, 0.3, 0.6, 0.9, 1.2, 1.5, 1.8, 2.1};
        Observations obs = simulate(strengths, 5_000, new SplittableRandom(1));
        Leaderboard board = RatingsCalculator.compute(obs, RatingOptions.defaults(), RatingsCalculatorTest.NOW);
        assertThat(board.ratings())
                .extracting(ModelRating::model)
                .containsExactly("m7", "m6", "m5", "m4", "m3", "m2", "m1", "m0");
        double[] truth = trueRatings(strengths);
        Map<String, ModelRating> r = RatingsCalculatorTest.byModel(board);
        for (int i = 0; i < strengths.length; i++) {
            assertThat(Math.abs(r.get("m" + i).rating() - truth[i])).isLessThan(40);
        }
    }

    /**
     * R = 100 simulations of 1,000 battles among 6 models (20% ties), each rated with 100 bootstrap rounds and with
     * the sandwich: 600 intervals per method. Coverage of a true 95% interval would be 0.95 with a standard error
     * of about 0.009 over 600 (more, as the models of one simulation share it); accepted between 0.90 and 0.99.
     */
    @Test
    void intervalsCoverTheTrueRatingsAboutNinetyFivePercent() {
        double[] strengths = {-0.6, -0.3, 0.0, 0.2, 0.5, 0.9};
        double[] truth = trueRatings(strengths);
        int simulations = 100;
        SplittableRandom random = new SplittableRandom(2026);
        int[] covered = new int[CiMethod.values().length];
        int intervals = 0;
        for (int sim = 0; sim < simulations; sim++) {
            Observations obs = simulate(strengths, 1_000, random);
            for (CiMethod ci : CiMethod.values()) {
                RatingOptions d = RatingOptions.defaults();
                RatingOptions options = new RatingOptions(
                        d.source(),
                        d.strongWeight(),
                        d.bothBadAsTie(),
                        100,
                        sim,
                        ci,
                        false,
                        d.styleLambda(),
                        null,
                        null,
                        null);
                Map<String, ModelRating> r = RatingsCalculatorTest.byModel(
                        RatingsCalculator.compute(obs, options, RatingsCalculatorTest.NOW));
                for (int i = 0; i < strengths.length; i++) {
                    ModelRating m = r.get("m" + i);
                    if (m.ciLow() <= truth[i] && truth[i] <= m.ciHigh()) {
                        covered[ci.ordinal()]++;
                    }
                }
            }
            intervals += strengths.length;
        }
        for (CiMethod ci : CiMethod.values()) {
            double coverage = covered[ci.ordinal()] / (double) intervals;
            assertThat(coverage).as(ci.id() + " coverage").isBetween(0.90, 0.99);
        }
    }

    /**
     * Six models, the weakest ("verbose") writing answers three times as long, and judges who prefer length:
     * logit = s_a − s_b + 2.5·(len_a − len_b)/(len_a + len_b). Without style control the verbose model climbs near
     * the top; with it, it is back at the bottom, and the length coefficient is clearly positive.
     */
    @Test
    void styleControlPutsAVerboseWeakModelBackInItsPlace() {
        double[] strengths = {0.0, 0.3, 0.6, 0.9, 1.2, -0.3};
        String[] names = {"m0", "m1", "m2", "m3", "m4", "verbose"};
        SplittableRandom random = new SplittableRandom(5);
        Observations obs = new Observations();
        for (String n : names) {
            obs.model(n);
        }
        for (int t = 0; t < 6_000; t++) {
            int a = random.nextInt(6);
            int b = random.nextInt(5);
            if (b >= a) {
                b++;
            }
            StyleCounts sa = answer(a == 5, random);
            StyleCounts sb = answer(b == 5, random);
            double f = (double) (sa.tokens() - sb.tokens()) / (sa.tokens() + sb.tokens());
            double expected = 1 / (1 + Math.exp(-(strengths[a] - strengths[b] + 2.5 * f)));
            double score = random.nextDouble() < expected ? 1 : 0;
            obs.add(a, b, score, 1, -1, t, sa, sb);
        }
        // ten verdicts whose texts are unknown: left out of style control and counted
        for (int t = 0; t < 10; t++) {
            obs.add(0, 1, 1, 1, -1, 10_000 + t, null, null);
        }
        Leaderboard plain = RatingsCalculator.compute(obs, RatingOptions.defaults(), RatingsCalculatorTest.NOW);
        List<String> plainOrder =
                plain.ratings().stream().map(ModelRating::model).toList();
        assertThat(plainOrder.indexOf("verbose")).isLessThanOrEqualTo(1);

        Leaderboard styled = RatingsCalculator.compute(
                obs, RatingOptions.defaults().withStyleControl(true), RatingsCalculatorTest.NOW);
        assertThat(styled.ratings())
                .extracting(ModelRating::model)
                .containsExactly("m4", "m3", "m2", "m1", "m0", "verbose");
        StyleCoefficient length = styled.style().get(0);
        assertThat(length.feature()).isEqualTo("length");
        assertThat(length.ciLow()).isGreaterThan(0.3);
        assertThat(length.beta()).isBetween(length.ciLow(), length.ciHigh());
        for (StyleCoefficient other : styled.style().subList(1, 4)) {
            // formatting was drawn independently of the outcome
            assertThat(Math.abs(other.beta())).as(other.feature()).isLessThan(0.15);
        }
        Leaderboard again = RatingsCalculator.compute(
                obs, RatingOptions.defaults().withStyleControl(true), RatingsCalculatorTest.NOW);
        assertThat(again.ratings()).isEqualTo(styled.ratings());
        assertThat(again.style()).isEqualTo(styled.style());
        assertThat(styled.withoutText()).isEqualTo(10);
        assertThat(styled.observations()).isEqualTo(6_010);
        assertThat(styled.problems()).anySatisfy(p -> assertThat(p).startsWith("10 verdicts without both answers"));

        // sandwich intervals of the same fit: the same point estimates, a positive length effect too
        RatingOptions d = RatingOptions.defaults();
        RatingOptions sandwich = new RatingOptions(
                d.source(),
                d.strongWeight(),
                d.bothBadAsTie(),
                d.bootstrap(),
                d.seed(),
                CiMethod.SANDWICH,
                true,
                d.styleLambda(),
                null,
                null,
                null);
        Leaderboard s = RatingsCalculator.compute(obs, sandwich, RatingsCalculatorTest.NOW);
        assertThat(s.ratings())
                .extracting(ModelRating::rating)
                .isEqualTo(styled.ratings().stream().map(ModelRating::rating).toList());
        assertThat(s.style().get(0).ciLow()).isGreaterThan(0.3);
        for (ModelRating m : s.ratings()) {
            assertThat(m.ciLow()).isLessThan(m.rating());
            assertThat(m.ciHigh()).isGreaterThan(m.rating());
        }
    }

    private static StyleCounts answer(boolean verbose, SplittableRandom random) {
        int tokens = verbose ? 1_000 + random.nextInt(400) : 250 + random.nextInt(300);
        return new StyleCounts(tokens, random.nextInt(4), random.nextInt(6), random.nextInt(5));
    }
}
