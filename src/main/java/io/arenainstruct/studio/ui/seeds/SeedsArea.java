package io.arenainstruct.studio.ui.seeds;

import io.arenainstruct.studio.ui.AppContext;
import io.arenainstruct.studio.ui.shell.Area;
import io.arenainstruct.studio.ui.shell.AreaView;

/** Registers the Seeds area. */
public final class SeedsArea implements Area {
    @Override
    public String id() {
        return "seeds";
    }

    @Override
    public String title() {
        return "Seeds";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public String summary() {
        return "The raw documents flows start from: import, search, tag, preview";
    }

    @Override
    public AreaView create(AppContext context) {
        return new SeedsView(context);
    }
}
