package io.arenainstruct.studio.service.agreement;

import java.util.List;

/**
 * Krippendorff's alpha for nominal data (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability"), any
 * number of coders, missing values allowed. Each unit (a battle) with m ≥ 2 values adds 1 / (m − 1) to the
 * coincidence matrix for every ordered pair of its values from different coders; with n_c the matrix's column
 * sums and n their total, alpha = 1 − (n − 1) Σ_{c≠k} o_ck / Σ_{c≠k} n_c n_k. Units with fewer than two values
 * are not pairable and left out.
 */
public final class KrippendorffAlpha {
    private final int categories;
    private final double[][] coincidences;
    private int units;

    /** Alpha over values 0 to {@code categories} − 1. */
    public KrippendorffAlpha(int categories) {
        this.categories = categories;
        this.coincidences = new double[categories][categories];
    }

    /** Alpha over A, B and tie. */
    public static KrippendorffAlpha ofClasses() {
        return new KrippendorffAlpha(AgreementClass.values().length);
    }

    /** Adds one unit's values (one per coder who gave one); fewer than two are ignored. */
    public void addUnit(List<AgreementClass> values) {
        addUnit(values.stream().mapToInt(AgreementClass::ordinal).toArray());
    }

    /** Adds one unit's values as numbers from 0 (one per coder who gave one); fewer than two are ignored. */
    public void addUnit(int... values) {
        int m = values.length;
        if (m < 2) {
            return;
        }
        units++;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                if (i != j) {
                    coincidences[values[i]][values[j]] += 1.0 / (m - 1);
                }
            }
        }
    }

    /** Units counted (with at least two values). */
    public int units() {
        return units;
    }

    /**
     * Alpha; null without pairable values, and when every value is the same class (no disagreement is expected
     * by chance, so alpha is undefined).
     */
    public Double alpha() {
        double[] marginals = new double[categories];
        double n = 0;
        for (int c = 0; c < categories; c++) {
            for (int k = 0; k < categories; k++) {
                marginals[c] += coincidences[c][k];
            }
            n += marginals[c];
        }
        double observed = 0;
        double expected = 0;
        for (int c = 0; c < categories; c++) {
            for (int k = 0; k < categories; k++) {
                if (c != k) {
                    observed += coincidences[c][k];
                    expected += marginals[c] * marginals[k];
                }
            }
        }
        // Sums of 1/(m−1) are not exact in binary: "no expected disagreement" is checked with a margin.
        if (n < 2 || expected < 1e-9) {
            return null;
        }
        return 1 - (n - 1) * observed / expected;
    }
}
