package io.arenainstruct.studio.ui.refinement;

import io.arenainstruct.studio.ui.shell.AreaDefinition;

/** Registers the Refinement area. */
public final class RefinementArea extends AreaDefinition {
    public RefinementArea() {
        super(
                "refinement",
                "Refinement",
                70,
                "Each instruction's rounds side by side with the changes marked: accept, reject or edit",
                RefinementView::new);
    }
}
