package io.arenainstruct.studio.service.ratings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.arenainstruct.studio.domain.ratings.CiMethod;
import io.arenainstruct.studio.domain.ratings.Leaderboard;
import io.arenainstruct.studio.domain.ratings.ModelRating;
import io.arenainstruct.studio.domain.ratings.RatingFlag;
import io.arenainstruct.studio.domain.ratings.RatingOptions;
import io.arenainstruct.studio.domain.ratings.StyleCoefficient;

class StyleBradleyTerryTest {
    private static final double SCALE = 400 / Math.log(10);
    private static final double Z = 1.959963984540054;

    static RatingOptions style(CiMethod ci, double lambda) {
        RatingOptions d = RatingOptions.defaults();
        return new RatingOptions(
                d.source(),
                d.strongWeight(),
                d.bothBadAsTie(),
                d.bootstrap(),
                d.seed(),
                ci,
                true,
                lambda,
                null,
                null,
                null);
    }

    @Test
    void answersAlikeInStyleGiveThePlainRatings() {
        // the same counts on both sides: every feature 0, so β = 0 and the ratings are the plain fit's
        Observations obs = new Observations();
        StyleCounts same = new StyleCounts(300, 1, 2, 3);
        int[][] games = {{0, 1}, {0, 1}, {0, 1}, {1, 2}, {1, 2}, {0, 2}, {2, 0}};
        double[] scores = {1, 0, 0.5, 1, 0, 1, 0};
        for (int t = 0; t < scores.length; t++) {
            obs.add(obs.model("m" + games[t][0]), obs.model("m" + games[t][1]), scores[t], 1, -1, t, same, same);
        }
        Map<String, ModelRating> plain = RatingsCalculatorTest.byModel(
                RatingsCalculator.compute(obs, RatingOptions.defaults(), RatingsCalculatorTest.NOW));
        Leaderboard styled = RatingsCalculator.compute(
                obs, RatingOptions.defaults().withStyleControl(true), RatingsCalculatorTest.NOW);
        for (ModelRating m : styled.ratings()) {
            assertThat(m.rating()).isCloseTo(plain.get(m.model()).rating(), within(1e-8));
        }
        assertThat(styled.style()).allSatisfy(c -> assertThat(c.beta()).isCloseTo(0, within(1e-12)));
    }

    @Test
    void aModelWithoutTextHasNoStyleControlledRating() {
        Observations obs = new Observations();
        StyleCounts shortAnswer = new StyleCounts(100, 0, 1, 0);
        StyleCounts longAnswer = new StyleCounts(400, 2, 3, 1);
        for (int t = 0; t < 6; t++) {
            obs.add(obs.model("A"), obs.model("B"), t % 3 == 0 ? 0 : 1, 1, -1, t, longAnswer, shortAnswer);
            obs.add(obs.model("B"), obs.model("A"), t % 2, 1, -1, 100 + t, longAnswer, shortAnswer);
        }
        RatingsCalculatorTest.add(obs, "A", "C", 1, 2);
        RatingsCalculatorTest.add(obs, "A", "C", 0, 1);
        Leaderboard board = RatingsCalculator.compute(
                obs, RatingOptions.defaults().withStyleControl(true), RatingsCalculatorTest.NOW);
        Map<String, ModelRating> r = RatingsCalculatorTest.byModel(board);
        assertThat(r.get("C").flags()).contains(RatingFlag.DISCONNECTED);
        assertThat(r.get("C").rating()).isNaN();
        assertThat(r.get("C").observations()).isEqualTo(3);
        assertThat(r.get("A").rating()).isFinite();
        assertThat(board.withoutText()).isEqualTo(3);
        assertThat(board.problems())
                .contains("Not compared with the main group in the verdicts with text, so without a rating: C.");
    }

    /**
     * The fit is a stationary point of the penalised likelihood written here from its definition, and the sandwich
     * intervals match H⁻¹ J H⁻¹ built here with a finite-difference Hessian and a Gauss–Jordan inverse.
     */
    @Test
    void fitAndSandwichAgreeWithAnIndependentComputation() {
        int models = 3;
        int rows = 60;
        double lambda = 0.5;
        SplittableRandom random = new SplittableRandom(3);
        Observations obs = new Observations();
        for (int i = 0; i < models; i++) {
            obs.model("m" + i);
        }
        int[] a = new int[rows];
        int[] b = new int[rows];
        double[] y = new double[rows];
        double[] w = new double[rows];
        double[][] raw = new double[rows][4];
        for (int t = 0; t < rows; t++) {
            a[t] = random.nextInt(models);
            b[t] = (a[t] + 1 + random.nextInt(models - 1)) % models;
            y[t] = new double[] {0, 0.5, 1}[random.nextInt(3)];
            w[t] = random.nextInt(4) == 0 ? 3 : 1;
            int[] ca = {100 + random.nextInt(900), random.nextInt(4), random.nextInt(6), random.nextInt(3)};
            int[] cb = {100 + random.nextInt(900), random.nextInt(4), random.nextInt(6), random.nextInt(3)};
            for (int k = 0; k < 4; k++) {
                raw[t][k] = ca[k] + cb[k] == 0 ? 0 : (double) (ca[k] - cb[k]) / (ca[k] + cb[k]);
            }
            obs.add(
                    a[t],
                    b[t],
                    y[t],
                    (int) w[t],
                    -1,
                    t,
                    new StyleCounts(ca[0], ca[1], ca[2], ca[3]),
                    new StyleCounts(cb[0], cb[1], cb[2], cb[3]));
        }
        double[][] f = new double[rows][4];
        for (int k = 0; k < 4; k++) {
            double mean = 0;
            for (int t = 0; t < rows; t++) {
                mean += raw[t][k] / rows;
            }
            double var = 0;
            for (int t = 0; t < rows; t++) {
                var += (raw[t][k] - mean) * (raw[t][k] - mean) / rows;
            }
            for (int t = 0; t < rows; t++) {
                f[t][k] = (raw[t][k] - mean) / Math.sqrt(var);
            }
        }
        Leaderboard board = RatingsCalculator.compute(obs, style(CiMethod.SANDWICH, lambda), RatingsCalculatorTest.NOW);
        Map<String, ModelRating> r = RatingsCalculatorTest.byModel(board);
        int p = models + 4;
        double[] theta = new double[p];
        for (int i = 0; i < models; i++) {
            theta[i] = (r.get("m" + i).rating() - 1000) / SCALE;
        }
        List<StyleCoefficient> coefficients = board.style();
        for (int k = 0; k < 4; k++) {
            theta[models + k] = coefficients.get(k).beta();
        }
        Objective nll = th -> {
            double sum = 0;
            for (int t = 0; t < rows; t++) {
                double z = th[a[t]] - th[b[t]];
                for (int k = 0; k < 4; k++) {
                    z += th[models + k] * f[t][k];
                }
                sum += w[t] * (Math.log1p(Math.exp(z)) - y[t] * z);
            }
            for (int k = 0; k < 4; k++) {
                sum += 0.5 * lambda * th[models + k] * th[models + k];
            }
            return sum;
        };
        double h = 1e-4;
        for (int i = 0; i < p; i++) {
            double[] up = theta.clone();
            double[] down = theta.clone();
            up[i] += h;
            down[i] -= h;
            assertThat((nll.at(up) - nll.at(down)) / (2 * h))
                    .as("gradient " + i)
                    .isCloseTo(0, within(1e-6));
        }
        // Hessian by central differences; 11ᵀ on the strengths fixes their mean (J has no part along it)
        double[][] hess = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                hess[i][j] = (nll.at(shift(theta, i, h, j, h))
                                - nll.at(shift(theta, i, h, j, -h))
                                - nll.at(shift(theta, i, -h, j, h))
                                + nll.at(shift(theta, i, -h, j, -h)))
                        / (4 * h * h);
                if (i < models && j < models) {
                    hess[i][j] += 1;
                }
            }
        }
        double[][] j = new double[p][p];
        double[] total = new double[p];
        double[][] g = new double[rows][p];
        for (int t = 0; t < rows; t++) {
            double z = theta[a[t]] - theta[b[t]];
            for (int k = 0; k < 4; k++) {
                z += theta[models + k] * f[t][k];
            }
            double e = w[t] * (1 / (1 + Math.exp(-z)) - y[t]);
            g[t][a[t]] += e;
            g[t][b[t]] -= e;
            for (int k = 0; k < 4; k++) {
                g[t][models + k] = e * f[t][k];
            }
            for (int x = 0; x < p; x++) {
                total[x] += g[t][x];
            }
        }
        for (int t = 0; t < rows; t++) {
            for (int x = 0; x < p; x++) {
                for (int z = 0; z < p; z++) {
                    j[x][z] += g[t][x] * g[t][z] - total[x] * total[z] / rows / rows;
                }
            }
        }
        double[][] inv = gaussJordanInverse(hess);
        double[][] cov = multiply(multiply(inv, j), inv);
        for (int i = 0; i < models; i++) {
            // strengths less their mean: Var(s_i − s̄)
            double var = cov[i][i];
            double row = 0;
            double all = 0;
            for (int x = 0; x < models; x++) {
                row += cov[i][x];
                for (int z = 0; z < models; z++) {
                    all += cov[x][z];
                }
            }
            var = var - 2 * row / models + all / (models * models);
            ModelRating m = r.get("m" + i);
            assertThat((m.ciHigh() - m.ciLow()) / 2).as("m" + i).isCloseTo(Z * SCALE * Math.sqrt(var), within(1e-3));
        }
        for (int k = 0; k < 4; k++) {
            StyleCoefficient c = coefficients.get(k);
            double half = Z * Math.sqrt(cov[models + k][models + k]);
            assertThat((c.ciHigh() - c.ciLow()) / 2).as(c.feature()).isCloseTo(half, within(1e-5));
        }
    }

    private interface Objective {
        double at(double[] theta);
    }

    private static double[] shift(double[] theta, int i, double di, int j, double dj) {
        double[] t = theta.clone();
        t[i] += di;
        t[j] += dj;
        return t;
    }

    private static double[][] gaussJordanInverse(double[][] m) {
        int n = m.length;
        double[][] a = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], 0, a[i], 0, n);
            a[i][n + i] = 1;
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int rr = c + 1; rr < n; rr++) {
                if (Math.abs(a[rr][c]) > Math.abs(a[pivot][c])) {
                    pivot = rr;
                }
            }
            double[] tmp = a[c];
            a[c] = a[pivot];
            a[pivot] = tmp;
            double d = a[c][c];
            for (int k = 0; k < 2 * n; k++) {
                a[c][k] /= d;
            }
            for (int rr = 0; rr < n; rr++) {
                if (rr != c) {
                    double factor = a[rr][c];
                    for (int k = 0; k < 2 * n; k++) {
                        a[rr][k] -= factor * a[c][k];
                    }
                }
            }
        }
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], n, inv[i], 0, n);
        }
        return inv;
    }

    private static double[][] multiply(double[][] x, double[][] y) {
        int n = x.length;
        double[][] r = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                for (int j = 0; j < n; j++) {
                    r[i][j] += x[i][k] * y[k][j];
                }
            }
        }
        return r;
    }
}
