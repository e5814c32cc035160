package io.arenainstruct.studio.service.ratings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.arenainstruct.studio.domain.ratings.ModelRating;
import io.arenainstruct.studio.domain.ratings.RatingOptions;

class BradleyTerryTest {
    @Test
    void threeModelsWithTiesAgreeWithHuntersMm() {
        String[] names = {"A", "B", "C"};
        // [i][j]: i's wins over j; ties[i][j] symmetric
        int[][] wins = {{0, 4, 2}, {2, 0, 5}, {3, 1, 0}};
        int[][] ties = {{0, 3, 1}, {3, 0, 2}, {1, 2, 0}};
        Observations obs = new Observations();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                RatingsCalculatorTest.add(obs, names[i], names[j], 1, wins[i][j]);
                if (i < j) {
                    RatingsCalculatorTest.add(obs, names[i], names[j], 0.5, ties[i][j]);
                }
            }
        }
        Map<String, ModelRating> r = RatingsCalculatorTest.byModel(
                RatingsCalculator.compute(obs, RatingOptions.defaults(), RatingsCalculatorTest.NOW));

        // Hunter (2004), MM for Bradley–Terry with a tie as half a win each way:
        // p_i ← W_i / Σ_j n_ij/(p_i + p_j), W_i = wins + ½ ties, n_ij the games of i and j
        double[] p = {1, 1, 1};
        for (int iter = 0; iter < 10_000; iter++) {
            double[] next = new double[3];
            for (int i = 0; i < 3; i++) {
                double w = 0;
                double d = 0;
                for (int j = 0; j < 3; j++) {
                    if (j != i) {
                        w += wins[i][j] + 0.5 * ties[i][j];
                        d += (wins[i][j] + wins[j][i] + ties[i][j]) / (p[i] + p[j]);
                    }
                }
                next[i] = w / d;
            }
            double g = Math.cbrt(next[0] * next[1] * next[2]);
            for (int i = 0; i < 3; i++) {
                p[i] = next[i] / g;
            }
        }
        for (int i = 0; i < 3; i++) {
            double expected = 1000 + 400 * Math.log10(p[i]);
            assertThat(r.get(names[i]).rating()).as(names[i]).isCloseTo(expected, within(1e-6));
        }
    }

    @Test
    void quantilesInterpolateAsNumpy() {
        // numpy.quantile([1, 2, 3, 4], q): position (n − 1)q = 0.075 → 1.075; 2.925 → 3.925
        double[] v = {4, 1, 3, 2};
        assertThat(Quantiles.linear(v, 0.025)).isCloseTo(1.075, within(1e-12));
        assertThat(Quantiles.linear(v, 0.975)).isCloseTo(3.925, within(1e-12));
        assertThat(Quantiles.linear(v, 0.5)).isCloseTo(2.5, within(1e-12));
        assertThat(Quantiles.linear(new double[] {Double.NaN, 5}, 0.1)).isEqualTo(5);
        assertThat(Quantiles.linear(new double[0], 0.1)).isNaN();
    }

    @Test
    void graphsFindTheLargestGroups() {
        boolean[][] met = new boolean[5][5];
        met[0][1] = met[1][0] = true;
        met[2][3] = met[3][2] = met[3][4] = met[4][3] = true;
        boolean[] all = {true, true, true, true, true};
        List<String> names = List.of("e", "d", "c", "b", "a");
        Graphs.MainGroup main = Graphs.largestComponent(met, all, new int[] {1, 1, 1, 2, 1}, names);
        assertThat(main.members()).containsExactly(false, false, true, true, true);
        assertThat(main.sizeTied()).isFalse();
        // two groups of two: the one with more observations (3 + 3 against 1 + 1), whatever the order or the names
        boolean[][] pairs = new boolean[4][4];
        pairs[0][1] = pairs[1][0] = pairs[2][3] = pairs[3][2] = true;
        List<String> four = List.of("a", "b", "c", "d");
        boolean[] present = {true, true, true, true};
        main = Graphs.largestComponent(pairs, present, new int[] {1, 1, 3, 3}, four);
        assertThat(main.members()).containsExactly(false, false, true, true);
        assertThat(main.sizeTied()).isTrue();
        assertThat(main.countTied()).isFalse();
        // as many: the group holding the model first by name
        main = Graphs.largestComponent(pairs, present, new int[] {2, 2, 2, 2}, List.of("z", "y", "b", "x"));
        assertThat(main.members()).containsExactly(false, false, true, true);
        assertThat(main.countTied()).isTrue();
        // 0 beats 1 and 2 always; 1 and 2 trade wins: {1, 2} is the single largest strongly connected group
        boolean[][] scored = new boolean[3][3];
        scored[0][1] = scored[0][2] = scored[1][2] = scored[2][1] = true;
        assertThat(Graphs.stronglyConnected(scored)).isFalse();
        assertThat(Graphs.uniqueLargestStrongComponent(scored)).containsExactly(false, true, true);
        scored[1][0] = true;
        assertThat(Graphs.stronglyConnected(scored)).isTrue();
        // a chain 0 > 1 > 2: three groups of one, none the single largest
        boolean[][] chain = new boolean[3][3];
        chain[0][1] = chain[1][2] = chain[0][2] = true;
        assertThat(Graphs.uniqueLargestStrongComponent(chain)).containsExactly(false, false, false);
    }
}
