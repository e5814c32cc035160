package io.arenainstruct.studio.service.ratings;

/** The small dense linear algebra the fits need: symmetric positive definite solves and inverses (Cholesky). */
final class Matrices {
    private Matrices() {}

    /**
     * The Cholesky factor L (lower, in place of a copy) of a symmetric positive definite matrix; a pivot that is not
     * positive (round-off on a nearly singular matrix) is lifted to a tiny positive number so the solve stays finite.
     */
    static double[][] cholesky(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int j = 0; j < n; j++) {
            double d = a[j][j];
            double[] lj = l[j];
            for (int k = 0; k < j; k++) {
                d -= lj[k] * lj[k];
            }
            double scale = Math.max(Math.abs(a[j][j]), 1e-300);
            double pivot = Math.sqrt(Math.max(d, scale * 1e-14));
            lj[j] = pivot;
            for (int i = j + 1; i < n; i++) {
                double s = a[i][j];
                double[] li = l[i];
                for (int k = 0; k < j; k++) {
                    s -= li[k] * lj[k];
                }
                li[j] = s / pivot;
            }
        }
        return l;
    }

    /** Solves L Lᵀ x = b. */
    static double[] solve(double[][] l, double[] b) {
        int n = b.length;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            double[] li = l[i];
            for (int k = 0; k < i; k++) {
                s -= li[k] * y[k];
            }
            y[i] = s / li[i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k][i] * x[k];
            }
            x[i] = s / l[i][i];
        }
        return x;
    }

    /** The inverse of a symmetric positive definite matrix. */
    static double[][] inverse(double[][] a) {
        int n = a.length;
        double[][] l = cholesky(a);
        double[][] inv = new double[n][];
        for (int j = 0; j < n; j++) {
            double[] e = new double[n];
            e[j] = 1;
            inv[j] = solve(l, e);
        }
        return inv; // symmetric, so columns are rows
    }

    /** A B A for symmetric A (the sandwich). */
    static double[][] sandwich(double[][] a, double[][] b) {
        return multiply(multiply(a, b), a);
    }

    static double[][] multiply(double[][] x, double[][] y) {
        int n = x.length;
        int m = y[0].length;
        int k = y.length;
        double[][] r = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < k; t++) {
                double v = x[i][t];
                if (v != 0) {
                    double[] yt = y[t];
                    double[] ri = r[i];
                    for (int j = 0; j < m; j++) {
                        ri[j] += v * yt[j];
                    }
                }
            }
        }
        return r;
    }
}
