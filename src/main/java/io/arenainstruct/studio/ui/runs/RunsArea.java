package io.arenainstruct.studio.ui.runs;

import io.arenainstruct.studio.ui.AppContext;
import io.arenainstruct.studio.ui.shell.Area;
import io.arenainstruct.studio.ui.shell.AreaView;

/** Registers the Runs area. */
public final class RunsArea implements Area {
    @Override
    public String id() {
        return "runs";
    }

    @Override
    public String title() {
        return "Runs";
    }

    @Override
    public int order() {
        return 60;
    }

    @Override
    public String summary() {
        return "Start runs over chosen seeds and models, follow their progress, resume and retry";
    }

    @Override
    public AreaView create(AppContext context) {
        return new RunsView(context);
    }
}
