package io.arenainstruct.studio.ui.seeds;

import io.arenainstruct.studio.ui.shell.AreaDefinition;

/** Registers the Seeds area. */
public final class SeedsArea extends AreaDefinition {
    public SeedsArea() {
        super("seeds", "Seeds", 10, "The raw documents flows start from: import, search, tag, preview", SeedsView::new);
    }
}
