package io.arenainstruct.studio.ui.export;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

import io.arenainstruct.studio.ui.shell.AreaDefinition;

/** Registers the Export area, after the Leaderboard; Ctrl+E opens it (the ten Ctrl+digits are taken). */
public final class ExportArea extends AreaDefinition {
    public ExportArea() {
        super(
                "export",
                "Export",
                110,
                "Curated JSONL for training: the selection rules, their counts and a sample, and the export itself",
                ExportView::new);
    }

    @Override
    public KeyCombination shortcut() {
        return new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN);
    }
}
