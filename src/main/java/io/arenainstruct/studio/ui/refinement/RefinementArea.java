package io.arenainstruct.studio.ui.refinement;

import io.arenainstruct.studio.ui.AppContext;
import io.arenainstruct.studio.ui.shell.Area;
import io.arenainstruct.studio.ui.shell.AreaView;

/** Registers the Refinement area. */
public final class RefinementArea implements Area {
    @Override
    public String id() {
        return "refinement";
    }

    @Override
    public String title() {
        return "Refinement";
    }

    @Override
    public int order() {
        return 70;
    }

    @Override
    public String summary() {
        return "Each instruction's rounds side by side with the changes marked: accept, reject or edit";
    }

    @Override
    public AreaView create(AppContext context) {
        return new RefinementView(context);
    }
}
