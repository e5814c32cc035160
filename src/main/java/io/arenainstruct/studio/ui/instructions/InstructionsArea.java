package io.arenainstruct.studio.ui.instructions;

import io.arenainstruct.studio.ui.shell.AreaDefinition;

/** Registers the Instructions area. */
public final class InstructionsArea extends AreaDefinition {
    public InstructionsArea() {
        super(
                "instructions",
                "Instructions",
                80,
                "Every generated instruction: filters, the full text and where it came from",
                InstructionsView::new);
    }
}
