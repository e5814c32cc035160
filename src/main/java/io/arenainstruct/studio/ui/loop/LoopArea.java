package io.arenainstruct.studio.ui.loop;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

import io.arenainstruct.studio.ui.shell.AreaDefinition;

/** Registers the Loop area, after Export; Ctrl+G opens it (no area or shell shortcut uses G). */
public final class LoopArea extends AreaDefinition {
    public LoopArea() {
        super(
                "loop",
                "Loop",
                120,
                "The ArenaInstruct loop: each iteration's figures for the target model, and the taxonomy and"
                        + " refinement changes its battles propose",
                LoopView::new);
    }

    @Override
    public KeyCombination shortcut() {
        return new KeyCodeCombination(KeyCode.G, KeyCombination.SHORTCUT_DOWN);
    }
}
