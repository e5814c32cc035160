package io.arenainstruct.studio.service.curation;

/**
 * LSH banding of a MinHash signature: {@code bands} bands of {@code rows} rows each (decision 0014). Two items are
 * compared when all rows of at least one band agree, which for shingle Jaccard {@code s} happens with probability
 * {@code 1 − (1 − s^rows)^bands}, an S-curve. {@link #forThreshold} picks the curve for a threshold.
 */
public record LshBands(int bands, int rows) {
    /**
     * Missing a pair above the threshold costs a duplicate left in the export; comparing one below it costs only an
     * exact Jaccard, so misses weigh nine times more than extra comparisons.
     */
    static final double MISS_WEIGHT = 0.9;

    private static final int STEPS = 400;

    public LshBands {
        if (bands < 1 || rows < 1) {
            throw new IllegalArgumentException("bands and rows must be at least 1");
        }
    }

    /** Probability that two items of shingle Jaccard {@code s} share a bucket in at least one band. */
    public double candidateProbability(double s) {
        return 1 - Math.pow(1 - Math.pow(s, rows), bands);
    }

    /**
     * The rows per band (bands = permutations / rows, rounded down) minimising 0.1 × the area under the S-curve
     * below the threshold (pairs compared needlessly) plus 0.9 × the area above the curve from the threshold up
     * (pairs missed). For 128 permutations: 0.5 → 32 × 4, 0.7 → 21 × 6, 0.8 → 14 × 9, 0.9 → 8 × 16.
     */
    public static LshBands forThreshold(double threshold, int permutations) {
        LshBands best = null;
        double bestCost = Double.MAX_VALUE;
        for (int rows = 1; rows <= permutations; rows++) {
            LshBands candidate = new LshBands(permutations / rows, rows);
            double extra = integrate(candidate, 0, threshold, false);
            double missed = integrate(candidate, threshold, 1, true);
            double cost = (1 - MISS_WEIGHT) * extra + MISS_WEIGHT * missed;
            if (cost < bestCost) {
                bestCost = cost;
                best = candidate;
            }
        }
        return best;
    }

    private static double integrate(LshBands b, double from, double to, boolean miss) {
        double h = (to - from) / STEPS;
        double sum = 0;
        for (int i = 0; i < STEPS; i++) {
            double p = b.candidateProbability(from + (i + 0.5) * h);
            sum += miss ? 1 - p : p;
        }
        return sum * h;
    }
}
