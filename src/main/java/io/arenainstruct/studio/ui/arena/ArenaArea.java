package io.arenainstruct.studio.ui.arena;

import io.arenainstruct.studio.ui.shell.AreaDefinition;

/** Registers the Arena area. */
public final class ArenaArea extends AreaDefinition {
    public ArenaArea() {
        super(
                "arena",
                "Arena",
                90,
                "Instruction datasets in, answers from a pool of models, battles and their verdicts",
                ArenaView::new);
    }
}
