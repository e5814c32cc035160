package io.arenainstruct.studio.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One numbered version of a skill's taxonomy: the whole taxonomy as a save stored it (decision 0021).
 *
 * @param number  1, 2, … per skill, in the order of the saves
 * @param madeBy  what made it, in words: "taxonomy import FILE", "edited in the Taxonomy area: …", "loop: …"
 */
public record TaxonomyVersion(String skillId, int number, Instant madeAt, String madeBy, Taxonomy taxonomy) {
    public TaxonomyVersion {
        Objects.requireNonNull(madeAt, "madeAt");
        Objects.requireNonNull(madeBy, "madeBy");
        Objects.requireNonNull(taxonomy, "taxonomy");
    }
}
