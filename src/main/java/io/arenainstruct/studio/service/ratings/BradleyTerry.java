package io.arenainstruct.studio.service.ratings;

/**
 * The Bradley–Terry maximum likelihood fit on aggregated pairs: P(i beats j) = σ(s_i − s_j), a tie half a win each
 * way (logistic regression with a fractional target, as FastChat's compute_mle_elo counts a tie). Newton's method
 * with step halving on the summed negative log-likelihood, to a step below 1e-10: deterministic and quadratic.
 *
 * <p>The likelihood only fixes differences, so without a ridge the Newton system is solved with 11ᵀ added to the
 * Hessian (the gradient sums to zero, so the step keeps the strengths' mean at zero). When the directed win graph is
 * not strongly connected the maximum is at infinity; {@link #RIDGE} then keeps every strength finite and repeatable
 * (a Gaussian prior with standard deviation 10 on each strength, about 1,700 rating points: a model that won every
 * game lands a few hundred to a thousand points clear, flagged as only a bound). FastChat's sklearn fit has no
 * penalty there and stops wherever lbfgs's tolerance or iteration cap leaves the diverging coefficient, so its
 * number is no more meaningful; ours at least repeats.
 */
final class BradleyTerry {
    /** The ridge ½·RIDGE·‖s‖² added to the summed negative log-likelihood when the fit would diverge. */
    static final double RIDGE = 0.01;

    static final int MAX_ITERATIONS = 200;
    static final double TOLERANCE = 1e-10;

    private BradleyTerry() {}

    /**
     * Strengths maximising the likelihood of {@code games[p]} weighted observations of pair p with lo's weighted
     * points {@code points[p]}.
     *
     * @param ridge add the ridge (the win graph is not strongly connected)
     * @param warm  a starting point (a previous fit) or null
     */
    static double[] fit(PairCells cells, double[] games, double[] points, boolean ridge, double[] warm) {
        int m = cells.models;
        double[] s = warm == null ? new double[m] : warm.clone();
        double lambda = ridge ? RIDGE : 0;
        double nll = negLogLikelihood(cells, games, points, s, lambda);
        for (int iter = 0; iter < MAX_ITERATIONS; iter++) {
            double[] grad = new double[m];
            double[][] h = new double[m][m];
            for (int p = 0; p < cells.pairs(); p++) {
                if (games[p] == 0) {
                    continue;
                }
                int i = cells.pairLo[p];
                int j = cells.pairHi[p];
                double prob = sigmoid(s[i] - s[j]);
                double g = games[p] * prob - points[p];
                grad[i] += g;
                grad[j] -= g;
                double w = games[p] * prob * (1 - prob);
                h[i][i] += w;
                h[j][j] += w;
                h[i][j] -= w;
                h[j][i] -= w;
            }
            regularise(h, grad, s, lambda);
            double[] step = Matrices.solve(Matrices.cholesky(h), grad);
            double t = 1;
            double[] next = new double[m];
            double nextNll;
            while (true) {
                for (int i = 0; i < m; i++) {
                    next[i] = s[i] - t * step[i];
                }
                nextNll = negLogLikelihood(cells, games, points, next, lambda);
                if (nextNll <= nll + 1e-12 * Math.abs(nll) || t < 1e-6) {
                    break;
                }
                t /= 2;
            }
            double moved = 0;
            for (int i = 0; i < m; i++) {
                moved = Math.max(moved, Math.abs(t * step[i]));
            }
            s = next;
            nll = nextNll;
            if (moved < TOLERANCE) {
                break;
            }
        }
        return s;
    }

    /** Adds the ridge, or without one the gauge term 11ᵀ (scaled to the Hessian) that fixes the mean. */
    static void regularise(double[][] h, double[] grad, double[] s, double lambda) {
        int m = s.length;
        if (lambda > 0) {
            for (int i = 0; i < m; i++) {
                h[i][i] += lambda;
                grad[i] += lambda * s[i];
            }
            return;
        }
        double trace = 0;
        for (int i = 0; i < m; i++) {
            trace += h[i][i];
        }
        double c = Math.max(trace / m, 1e-12) / m;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                h[i][j] += c;
            }
        }
    }

    static double negLogLikelihood(PairCells cells, double[] games, double[] points, double[] s, double lambda) {
        double nll = 0;
        for (int p = 0; p < cells.pairs(); p++) {
            if (games[p] == 0) {
                continue;
            }
            double d = s[cells.pairLo[p]] - s[cells.pairHi[p]];
            nll += games[p] * softplus(d) - points[p] * d;
        }
        if (lambda > 0) {
            for (double v : s) {
                nll += 0.5 * lambda * v * v;
            }
        }
        return nll;
    }

    /**
     * The sandwich covariance H⁻¹ J H⁻¹ of the strengths at the fit, as lmarena's arena-rank computes it
     * (models/bradley_terry.py compute_hessian_and_covariance): H the Hessian of the summed negative log-likelihood,
     * J the covariance of the per-observation gradients (each observation's weight multiplying its gradient). Its
     * null direction (all strengths up by one) is removed, so it is the covariance of strengths of mean zero.
     */
    static double[][] sandwich(PairCells cells, double[] s, boolean ridge) {
        int m = cells.models;
        double[][] h = new double[m][m];
        double[][] j = new double[m][m];
        double[] total = new double[m];
        int n = 0;
        for (int c = 0; c < cells.cells(); c++) {
            int lo = cells.pairLo[cells.cellPair[c]];
            int hi = cells.pairHi[cells.cellPair[c]];
            double prob = sigmoid(s[lo] - s[hi]);
            double count = cells.cellCount[c];
            double w = cells.cellWeight[c];
            double hv = count * w * prob * (1 - prob);
            double g = w * (prob - cells.cellScore[c]);
            double jv = count * g * g;
            addPair(h, lo, hi, hv);
            addPair(j, lo, hi, jv);
            total[lo] += count * g;
            total[hi] -= count * g;
            n += cells.cellCount[c];
        }
        // J is the gradients' covariance: take away the mean gradient's part (zero at an unpenalised maximum)
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                j[a][b] -= total[a] * total[b] / n;
            }
        }
        regularise(h, new double[m], s, ridge ? RIDGE : 0);
        double[][] hinv = Matrices.inverse(h);
        return center(Matrices.sandwich(hinv, j));
    }

    /** P C P with P = I − 11ᵀ/m: the covariance of the strengths less their mean. */
    static double[][] center(double[][] c) {
        int m = c.length;
        double[] row = new double[m];
        double all = 0;
        for (int i = 0; i < m; i++) {
            for (int k = 0; k < m; k++) {
                row[i] += c[i][k];
            }
            all += row[i];
        }
        double[][] r = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int k = 0; k < m; k++) {
                r[i][k] = c[i][k] - row[i] / m - row[k] / m + all / ((double) m * m);
            }
        }
        return r;
    }

    private static void addPair(double[][] h, int a, int b, double v) {
        h[a][a] += v;
        h[b][b] += v;
        h[a][b] -= v;
        h[b][a] -= v;
    }

    static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }
}
