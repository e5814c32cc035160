package io.arenainstruct.studio.ui.instructions;

import javafx.scene.Node;
import javafx.scene.layout.BorderPane;

import io.arenainstruct.studio.ui.AppContext;
import io.arenainstruct.studio.ui.shell.AreaView;

public final class InstructionsView implements AreaView {
    private final BorderPane root = new BorderPane();

    public InstructionsView(AppContext context) {
    }

    @Override
    public Node node() {
        return root;
    }
}
