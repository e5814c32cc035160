package io.arenainstruct.studio.ui.prompts;

import io.arenainstruct.studio.ui.shell.AreaDefinition;

/** Registers the Agents &amp; Prompts area. */
public final class PromptsArea extends AreaDefinition {
    public PromptsArea() {
        super(
                "prompts",
                "Agents & Prompts",
                50,
                "The agents of each skill's flow and the arena judges: edit their prompts, see versions, try an"
                        + " agent on a seed and a judge on a battle",
                PromptsView::new);
    }
}
