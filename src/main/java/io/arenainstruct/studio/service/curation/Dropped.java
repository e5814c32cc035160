package io.arenainstruct.studio.service.curation;

/**
 * An item a cluster drops, and why.
 *
 * @param similarTo  the id of the member it was matched with: the kept item, or for a near duplicate that matched
 *                   the kept item only through others, its closest member
 * @param similarity shingle Jaccard with {@code similarTo}, or for a semantic duplicate the cosine of the two
 *                   sentence embeddings (to 3 decimals); 1 for exact duplicates
 * @param reason     a sentence for the curator
 */
public record Dropped(CurationItem item, long similarTo, double similarity, String reason) {}
