package io.arenainstruct.studio.ui.taxonomy;

import io.arenainstruct.studio.ui.AppContext;
import io.arenainstruct.studio.ui.shell.Area;
import io.arenainstruct.studio.ui.shell.AreaView;

/** Registers the Taxonomies area. */
public final class TaxonomyArea implements Area {
    @Override
    public String id() {
        return "taxonomies";
    }

    @Override
    public String title() {
        return "Taxonomies";
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public String summary() {
        return "Per skill, the instruction types to generate and their weights";
    }

    @Override
    public AreaView create(AppContext context) {
        return new TaxonomyView(context);
    }
}
