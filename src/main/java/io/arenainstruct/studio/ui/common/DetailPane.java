package io.arenainstruct.studio.ui.common;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The detail under a list: a title over two read-only texts side by side, each with its heading. */
public final class DetailPane {
    private DetailPane() {}

    /** Lays the pane out; the texts keep their own ids, wrapping and style classes, and show long text in pieces. */
    public static Node of(
            Label title,
            String leftHeading,
            ReadOnlyText left,
            String rightHeading,
            ReadOnlyText right,
            double divider,
            String styleClass) {
        title.getStyleClass().add("title-4");
        title.setWrapText(true);
        VBox leftBox = new VBox(4, new Label(leftHeading), left);
        VBox rightBox = new VBox(4, new Label(rightHeading), right);
        VBox.setVgrow(left, Priority.ALWAYS);
        VBox.setVgrow(right, Priority.ALWAYS);
        SplitPane texts = new SplitPane(leftBox, rightBox);
        texts.setDividerPositions(divider);
        VBox box = new VBox(6, title, texts);
        VBox.setVgrow(texts, Priority.ALWAYS);
        box.setPadding(new Insets(8));
        box.getStyleClass().add(styleClass);
        return box;
    }
}
