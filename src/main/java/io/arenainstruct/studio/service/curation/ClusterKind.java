package io.arenainstruct.studio.service.curation;

/** How a cluster's items are alike. */
public enum ClusterKind {
    /** The same text after {@link TextNormalizer#normalize}. */
    EXACT,
    /** Shingle Jaccard at or above the near threshold, directly or through other members. */
    NEAR,
    /** Cosine of sentence embeddings at or above the semantic threshold, directly or through other members. */
    SEMANTIC
}
