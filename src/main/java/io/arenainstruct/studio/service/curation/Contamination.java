package io.arenainstruct.studio.service.curation;

/**
 * An item dropped because it is, or contains, a reference prompt.
 *
 * @param referenceSet the set's name
 * @param referenceId  the prompt's id in the set
 * @param sharedNgram  the shared words (normalised, cut to a readable length); null when only similar
 * @param similarity   shingle Jaccard with the prompt
 * @param reason       a sentence for the curator
 */
public record Contamination(
        CurationItem item,
        String referenceSet,
        String referenceId,
        String sharedNgram,
        double similarity,
        String reason) {}
