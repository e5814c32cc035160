package io.arenainstruct.studio.service.curation;

import java.util.Objects;

/**
 * One text to check: an instruction, a response, an export row.
 *
 * @param id    stable id; of a cluster's items the lowest id is kept
 * @param label what messages call it, e.g. "instruction 42"
 * @param text  the text as it will be exported (normalised only for comparison)
 */
public record CurationItem(long id, String label, String text) {
    public CurationItem {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(text, "text");
    }
}
