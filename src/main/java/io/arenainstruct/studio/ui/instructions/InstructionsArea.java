package io.arenainstruct.studio.ui.instructions;

import io.arenainstruct.studio.ui.AppContext;
import io.arenainstruct.studio.ui.shell.Area;
import io.arenainstruct.studio.ui.shell.AreaView;

/** Registers the Instructions area. */
public final class InstructionsArea implements Area {
    @Override
    public String id() {
        return "instructions";
    }

    @Override
    public String title() {
        return "Instructions";
    }

    @Override
    public int order() {
        return 80;
    }

    @Override
    public String summary() {
        return "Every generated instruction: filters, the full text and where it came from";
    }

    @Override
    public AreaView create(AppContext context) {
        return new InstructionsView(context);
    }
}
