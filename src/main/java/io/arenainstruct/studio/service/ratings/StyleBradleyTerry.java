package io.arenainstruct.studio.service.ratings;

import java.util.Arrays;

/**
 * The contextual Bradley–Terry model of style control (Arena-Hard v2, lmarena): logit = s_a − s_b + Σ β_k f_k over
 * the four style features, each (a − b)/(a + b) (0 when both are 0) z-scored across the rows fitted, with the L2
 * penalty ½·λ·‖β‖² on the coefficients only, added to the summed (not averaged) negative log-likelihood as the
 * issue asks. FastChat's fit_contextual_bt sums too, with reg = 0.5, but puts ½·reg·‖θ‖² on the ratings as well
 * (negligible with many battles, so left out here); arena-rank's reg is on the mean log-likelihood, where the same λ
 * would swamp a real effect. Rows cannot be aggregated (each has its own features), so Newton walks them, accumulating
 * the Hessian in small blocks per row: the rating block per pair, the rating×feature block per model, the 4×4
 * feature block. A bootstrap round reweights rows by their multiplicity instead of copying them, starting from the
 * full fit.
 */
final class StyleBradleyTerry {
    static final int FEATURES = 4;

    final int models;
    final int[] a;
    final int[] b;
    final double[] score;
    final double[] weight;
    /** Row-major, FEATURES per row, z-scored. */
    final double[] features;

    final double lambda;

    StyleBradleyTerry(int models, int[] a, int[] b, double[] score, double[] weight, double[] raw, double lambda) {
        this.models = models;
        this.a = a;
        this.b = b;
        this.score = score;
        this.weight = weight;
        this.features = zScore(raw, a.length);
        this.lambda = lambda;
    }

    /** (a − b)/(a + b), 0 when both are 0. */
    static double feature(int x, int y) {
        return x + y == 0 ? 0 : (double) (x - y) / (x + y);
    }

    /** Column-wise (x − mean)/sd with the population sd (numpy's default); a constant column becomes 0. */
    static double[] zScore(double[] raw, int n) {
        double[] z = new double[raw.length];
        for (int k = 0; k < FEATURES; k++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += raw[i * FEATURES + k];
            }
            mean /= n;
            double var = 0;
            for (int i = 0; i < n; i++) {
                double d = raw[i * FEATURES + k] - mean;
                var += d * d;
            }
            double sd = Math.sqrt(var / n);
            for (int i = 0; i < n; i++) {
                z[i * FEATURES + k] = sd > 1e-12 ? (raw[i * FEATURES + k] - mean) / sd : 0;
            }
        }
        return z;
    }

    int rows() {
        return a.length;
    }

    /** {@code scored[i][j]}: i won or tied against j in a row with a multiplicity. */
    boolean[][] scored(int[] multiplicity) {
        boolean[][] scored = new boolean[models][models];
        for (int i = 0; i < rows(); i++) {
            if (multiplicity != null && multiplicity[i] == 0) {
                continue;
            }
            if (score[i] > 0) {
                scored[a[i]][b[i]] = true;
            }
            if (score[i] < 1) {
                scored[b[i]][a[i]] = true;
            }
        }
        return scored;
    }

    /**
     * Fits strengths then coefficients ({@code models + 4} numbers).
     *
     * @param multiplicity each row's count in this bootstrap round, or null for once each
     * @param ridge        add {@link BradleyTerry#RIDGE} on the strengths (win graph not strongly connected)
     */
    double[] fit(int[] multiplicity, boolean ridge, double[] warm) {
        int m = models;
        int p = m + FEATURES;
        double[] theta = warm == null ? new double[p] : warm.clone();
        double ridgeLambda = ridge ? BradleyTerry.RIDGE : 0;
        Pass pass = pass(theta, multiplicity, ridgeLambda);
        for (int iter = 0; iter < BradleyTerry.MAX_ITERATIONS; iter++) {
            double[] step = Matrices.solve(Matrices.cholesky(pass.hessian), pass.gradient);
            double t = 1;
            double[] next = new double[p];
            Pass nextPass;
            while (true) {
                for (int i = 0; i < p; i++) {
                    next[i] = theta[i] - t * step[i];
                }
                nextPass = pass(next, multiplicity, ridgeLambda);
                if (nextPass.nll <= pass.nll + 1e-12 * Math.abs(pass.nll) || t < 1e-6) {
                    break;
                }
                t /= 2;
            }
            double moved = 0;
            for (int i = 0; i < p; i++) {
                moved = Math.max(moved, Math.abs(t * step[i]));
            }
            theta = next;
            pass = nextPass;
            if (moved < BradleyTerry.TOLERANCE) {
                break;
            }
        }
        return theta;
    }

    private record Pass(double nll, double[] gradient, double[][] hessian) {}

    /** The penalised negative log-likelihood, its gradient and Hessian (gauge or ridge added) at theta. */
    private Pass pass(double[] theta, int[] multiplicity, double ridgeLambda) {
        int m = models;
        double[] pairH = new double[m * m];
        double[] cross = new double[m * FEATURES];
        double[] ff = new double[FEATURES * FEATURES];
        double[] grad = new double[m + FEATURES];
        double nll = 0;
        double b0 = theta[m];
        double b1 = theta[m + 1];
        double b2 = theta[m + 2];
        double b3 = theta[m + 3];
        for (int i = 0; i < a.length; i++) {
            double w = weight[i];
            if (multiplicity != null) {
                if (multiplicity[i] == 0) {
                    continue;
                }
                w *= multiplicity[i];
            }
            int o = i * FEATURES;
            double f0 = features[o];
            double f1 = features[o + 1];
            double f2 = features[o + 2];
            double f3 = features[o + 3];
            int ai = a[i];
            int bi = b[i];
            double z = theta[ai] - theta[bi] + b0 * f0 + b1 * f1 + b2 * f2 + b3 * f3;
            double prob = BradleyTerry.sigmoid(z);
            nll += w * (BradleyTerry.softplus(z) - score[i] * z);
            double r = w * (prob - score[i]);
            double h = w * prob * (1 - prob);
            grad[ai] += r;
            grad[bi] -= r;
            grad[m] += r * f0;
            grad[m + 1] += r * f1;
            grad[m + 2] += r * f2;
            grad[m + 3] += r * f3;
            pairH[ai * m + bi] += h;
            double h0 = h * f0;
            double h1 = h * f1;
            double h2 = h * f2;
            double h3 = h * f3;
            int ca = ai * FEATURES;
            int cb = bi * FEATURES;
            cross[ca] += h0;
            cross[ca + 1] += h1;
            cross[ca + 2] += h2;
            cross[ca + 3] += h3;
            cross[cb] -= h0;
            cross[cb + 1] -= h1;
            cross[cb + 2] -= h2;
            cross[cb + 3] -= h3;
            ff[0] += h0 * f0;
            ff[1] += h0 * f1;
            ff[2] += h0 * f2;
            ff[3] += h0 * f3;
            ff[5] += h1 * f1;
            ff[6] += h1 * f2;
            ff[7] += h1 * f3;
            ff[10] += h2 * f2;
            ff[11] += h2 * f3;
            ff[15] += h3 * f3;
        }
        double[][] hs = assemble(pairH, cross, ff);
        for (int k = 0; k < FEATURES; k++) {
            double beta = theta[m + k];
            nll += 0.5 * lambda * beta * beta;
            grad[m + k] += lambda * beta;
            hs[m + k][m + k] += lambda;
        }
        double[] strengths = Arrays.copyOf(theta, m);
        double[][] hss = new double[m][m];
        double[] gs = Arrays.copyOf(grad, m);
        for (int i = 0; i < m; i++) {
            hss[i] = Arrays.copyOf(hs[i], m);
        }
        if (ridgeLambda > 0) {
            for (double v : strengths) {
                nll += 0.5 * ridgeLambda * v * v;
            }
        }
        BradleyTerry.regularise(hss, gs, strengths, ridgeLambda);
        for (int i = 0; i < m; i++) {
            System.arraycopy(hss[i], 0, hs[i], 0, m);
        }
        System.arraycopy(gs, 0, grad, 0, m);
        if (lambda == 0) {
            // a coefficient with no penalty and a constant feature has no curvature: keep the solve finite
            for (int k = 0; k < FEATURES; k++) {
                hs[m + k][m + k] += 1e-9;
            }
        }
        return new Pass(nll, grad, hs);
    }

    /** The full symmetric matrix from the per-pair, per-model×feature and feature×feature (upper) accumulations. */
    private double[][] assemble(double[] pairH, double[] cross, double[] ff) {
        int m = models;
        double[][] h = new double[m + FEATURES][m + FEATURES];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                double v = pairH[i * m + j];
                if (v != 0) {
                    h[i][i] += v;
                    h[j][j] += v;
                    h[i][j] -= v;
                    h[j][i] -= v;
                }
            }
            for (int k = 0; k < FEATURES; k++) {
                h[i][m + k] = cross[i * FEATURES + k];
                h[m + k][i] = cross[i * FEATURES + k];
            }
        }
        for (int k = 0; k < FEATURES; k++) {
            for (int l = k; l < FEATURES; l++) {
                h[m + k][m + l] = ff[k * FEATURES + l];
                h[m + l][m + k] = ff[k * FEATURES + l];
            }
        }
        return h;
    }

    /**
     * The sandwich covariance H⁻¹ J H⁻¹ of (strengths, coefficients) at theta, as arena-rank's contextual model
     * (models/contextual_bradley_terry.py): H the penalised Hessian, J the covariance of the per-row gradients (their
     * mean taken away, which is arena-rank's reg² ββᵀ correction). Strengths are returned less their mean.
     */
    double[][] sandwich(double[] theta, boolean ridge) {
        int m = models;
        int p = m + FEATURES;
        double[] pairJ = new double[m * m];
        double[] cross = new double[m * FEATURES];
        double[] ff = new double[FEATURES * FEATURES];
        double[] total = new double[p];
        for (int i = 0; i < a.length; i++) {
            int o = i * FEATURES;
            double z = theta[a[i]] - theta[b[i]];
            for (int k = 0; k < FEATURES; k++) {
                z += theta[m + k] * features[o + k];
            }
            double g = weight[i] * (BradleyTerry.sigmoid(z) - score[i]);
            double gg = g * g;
            pairJ[a[i] * m + b[i]] += gg;
            total[a[i]] += g;
            total[b[i]] -= g;
            for (int k = 0; k < FEATURES; k++) {
                double fk = features[o + k];
                total[m + k] += g * fk;
                cross[a[i] * FEATURES + k] += gg * fk;
                cross[b[i] * FEATURES + k] -= gg * fk;
                for (int l = k; l < FEATURES; l++) {
                    ff[k * FEATURES + l] += gg * fk * features[o + l];
                }
            }
        }
        double[][] j = assemble(pairJ, cross, ff);
        int n = a.length;
        for (int x = 0; x < p; x++) {
            for (int y = 0; y < p; y++) {
                j[x][y] -= total[x] * total[y] / n;
            }
        }
        double[][] h = pass(theta, null, ridge ? BradleyTerry.RIDGE : 0).hessian;
        double[][] cov = Matrices.sandwich(Matrices.inverse(h), j);
        // strengths less their mean: P on the rating block and the rating×feature block
        double[][] block = new double[m][m];
        for (int x = 0; x < m; x++) {
            block[x] = Arrays.copyOf(cov[x], m);
        }
        double[][] centred = BradleyTerry.center(block);
        for (int x = 0; x < m; x++) {
            System.arraycopy(centred[x], 0, cov[x], 0, m);
        }
        for (int k = m; k < p; k++) {
            double mean = 0;
            for (int x = 0; x < m; x++) {
                mean += cov[x][k];
            }
            mean /= m;
            for (int x = 0; x < m; x++) {
                cov[x][k] -= mean;
                cov[k][x] -= mean;
            }
        }
        return cov;
    }
}
