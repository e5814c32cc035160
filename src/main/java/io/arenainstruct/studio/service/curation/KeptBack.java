package io.arenainstruct.studio.service.curation;

/**
 * An item a curation pass would have dropped and keeps because a curator said so (a keep decision on its text).
 *
 * @param keptBy     who kept it
 * @param reason     "kept by NAME"
 * @param overruled  why the pass would have dropped it (a duplicate's or a contamination's reason)
 */
public record KeptBack(CurationItem item, String keptBy, String reason, String overruled) {
    static KeptBack of(CurationItem item, String keptBy, String overruled) {
        return new KeptBack(item, keptBy, "kept by " + keptBy, overruled);
    }
}
