package io.arenainstruct.studio.domain.curation;

import java.time.Instant;
import java.util.Objects;

/**
 * A curator's decision to keep an item a curation pass would drop (a duplicate or a contaminated item).
 *
 * @param textSha256 SHA-256 of the item's text as exported: the decision holds for that text whatever its id
 * @param itemLabel  what the item was called when kept, e.g. "instruction 42"
 * @param annotator  who kept it
 */
public record KeepDecision(String textSha256, String itemLabel, String annotator, Instant keptAt) {
    public KeepDecision {
        Objects.requireNonNull(textSha256, "textSha256");
        Objects.requireNonNull(itemLabel, "itemLabel");
        Objects.requireNonNull(annotator, "annotator");
        Objects.requireNonNull(keptAt, "keptAt");
    }
}
