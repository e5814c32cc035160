package io.arenainstruct.studio.ui.prompts;

import io.arenainstruct.studio.ui.AppContext;
import io.arenainstruct.studio.ui.shell.Area;
import io.arenainstruct.studio.ui.shell.AreaView;

/** Registers the Agents &amp; Prompts area. */
public final class PromptsArea implements Area {
    @Override
    public String id() {
        return "prompts";
    }

    @Override
    public String title() {
        return "Agents & Prompts";
    }

    @Override
    public int order() {
        return 50;
    }

    @Override
    public String summary() {
        return "The agents of each skill's flow: edit their prompts, see versions, try an agent on a seed";
    }

    @Override
    public AreaView create(AppContext context) {
        return new PromptsView(context);
    }
}
