package io.arenainstruct.studio.service.curation;

import java.util.Locale;

/**
 * What a curation pass checks (decision 0014). Exact duplicates are always looked for.
 *
 * @param near                   look for near duplicates
 * @param nearThreshold          shingle Jaccard at or above which two items are near duplicates, 0–1
 * @param ngram                  words in a row shared with a reference that make an item contaminated, at least 1
 * @param referenceThreshold     shingle Jaccard with a reference at or above which an item is contaminated, 0–1
 */
public record CurationOptions(boolean near, double nearThreshold, int ngram, double referenceThreshold) {
    public static final double DEFAULT_NEAR_THRESHOLD = 0.7;
    public static final int DEFAULT_NGRAM = 13;
    public static final double DEFAULT_REFERENCE_THRESHOLD = 0.7;

    public CurationOptions {
        checkThreshold("near-duplicate", nearThreshold);
        checkThreshold("reference similarity", referenceThreshold);
        if (ngram < 1) {
            throw new IllegalArgumentException("The shared n-gram length must be at least 1 word, not " + ngram + ".");
        }
    }

    public static CurationOptions defaults() {
        return new CurationOptions(true, DEFAULT_NEAR_THRESHOLD, DEFAULT_NGRAM, DEFAULT_REFERENCE_THRESHOLD);
    }

    public CurationOptions withNear(boolean on) {
        return new CurationOptions(on, nearThreshold, ngram, referenceThreshold);
    }

    public CurationOptions withNearThreshold(double t) {
        return new CurationOptions(near, t, ngram, referenceThreshold);
    }

    public CurationOptions withNgram(int n) {
        return new CurationOptions(near, nearThreshold, n, referenceThreshold);
    }

    public CurationOptions withReferenceThreshold(double t) {
        return new CurationOptions(near, nearThreshold, ngram, t);
    }

    static void checkThreshold(String what, double t) {
        // NaN fails both comparisons' negation, so it is refused too.
        if (!(t >= 0 && t <= 1)) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT, "The %s threshold must be between 0 and 1 (a similarity), not %s.", what, t));
        }
    }
}
