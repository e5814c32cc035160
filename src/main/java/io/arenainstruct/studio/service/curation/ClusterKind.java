package io.arenainstruct.studio.service.curation;

/** How a cluster's items are alike. A semantic (embedding) kind comes with the semantic pass. */
public enum ClusterKind {
    /** The same text after {@link TextNormalizer#normalize}. */
    EXACT,
    /** Shingle Jaccard at or above the near threshold, directly or through other members. */
    NEAR
}
