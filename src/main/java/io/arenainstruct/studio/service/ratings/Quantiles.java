package io.arenainstruct.studio.service.ratings;

import java.util.Arrays;

/** Percentiles as numpy's and pandas' default (linear interpolation between the two nearest order statistics). */
final class Quantiles {
    private Quantiles() {}

    /** The q-quantile of the values (NaN ones left out); NaN when there are none. */
    static double linear(double[] values, double q) {
        double[] v =
                Arrays.stream(values).filter(x -> !Double.isNaN(x)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        double h = (v.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, v.length - 1);
        return v[lo] + (h - lo) * (v[hi] - v[lo]);
    }
}
