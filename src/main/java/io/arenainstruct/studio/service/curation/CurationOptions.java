package io.arenainstruct.studio.service.curation;

import java.util.Locale;

/**
 * What a curation pass checks (decision 0014). Exact duplicates are always looked for.
 *
 * @param near                   look for near duplicates
 * @param nearThreshold          shingle Jaccard at or above which two items are near duplicates, 0–1
 * @param ngram                  words in a row shared with a reference that make an item contaminated, at least 1
 * @param referenceThreshold     shingle Jaccard with a reference at or above which an item is contaminated, 0–1
 * @param semantic               look for semantic duplicates (sentence embeddings; loads a model, so off by default)
 * @param semanticThreshold      cosine of the embeddings at or above which two items are semantic duplicates, 0–1
 */
public record CurationOptions(
        boolean near,
        double nearThreshold,
        int ngram,
        double referenceThreshold,
        boolean semantic,
        double semanticThreshold) {
    public static final double DEFAULT_NEAR_THRESHOLD = 0.7;
    public static final int DEFAULT_NGRAM = 13;
    public static final double DEFAULT_REFERENCE_THRESHOLD = 0.7;
    /**
     * High, because with all-MiniLM-L6-v2 different tasks on one subject reach 0.87 ("a poem about the sea" and "a
     * story about the sea") while loose paraphrases fall to 0.7 (decision 0014): 0.9 drops only what says
     * the same thing.
     */
    public static final double DEFAULT_SEMANTIC_THRESHOLD = 0.9;

    public CurationOptions {
        checkThreshold("near-duplicate", nearThreshold);
        checkThreshold("reference similarity", referenceThreshold);
        checkThreshold("semantic", semanticThreshold);
        if (ngram < 1) {
            throw new IllegalArgumentException("The shared n-gram length must be at least 1 word, not " + ngram + ".");
        }
    }

    /** Without the semantic pass. */
    public CurationOptions(boolean near, double nearThreshold, int ngram, double referenceThreshold) {
        this(near, nearThreshold, ngram, referenceThreshold, false, DEFAULT_SEMANTIC_THRESHOLD);
    }

    public static CurationOptions defaults() {
        return new CurationOptions(true, DEFAULT_NEAR_THRESHOLD, DEFAULT_NGRAM, DEFAULT_REFERENCE_THRESHOLD);
    }

    public CurationOptions withNear(boolean on) {
        return new CurationOptions(on, nearThreshold, ngram, referenceThreshold, semantic, semanticThreshold);
    }

    public CurationOptions withNearThreshold(double t) {
        return new CurationOptions(near, t, ngram, referenceThreshold, semantic, semanticThreshold);
    }

    public CurationOptions withNgram(int n) {
        return new CurationOptions(near, nearThreshold, n, referenceThreshold, semantic, semanticThreshold);
    }

    public CurationOptions withReferenceThreshold(double t) {
        return new CurationOptions(near, nearThreshold, ngram, t, semantic, semanticThreshold);
    }

    public CurationOptions withSemantic(boolean on) {
        return new CurationOptions(near, nearThreshold, ngram, referenceThreshold, on, semanticThreshold);
    }

    public CurationOptions withSemanticThreshold(double t) {
        return new CurationOptions(near, nearThreshold, ngram, referenceThreshold, semantic, t);
    }

    static void checkThreshold(String what, double t) {
        // NaN fails both comparisons' negation, so it is refused too.
        if (!(t >= 0 && t <= 1)) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT, "The %s threshold must be between 0 and 1 (a similarity), not %s.", what, t));
        }
    }
}
