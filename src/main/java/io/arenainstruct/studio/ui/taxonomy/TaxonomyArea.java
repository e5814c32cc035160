package io.arenainstruct.studio.ui.taxonomy;

import io.arenainstruct.studio.ui.shell.AreaDefinition;

/** Registers the Taxonomies area. */
public final class TaxonomyArea extends AreaDefinition {
    public TaxonomyArea() {
        super(
                "taxonomies",
                "Taxonomies",
                20,
                "Per skill, the instruction types to generate and their weights",
                TaxonomyView::new);
    }
}
