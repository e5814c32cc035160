package io.arenainstruct.studio.ui.common;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;

/** Small builders shared by the areas, so every button has a tooltip that names its shortcut. */
public final class Controls {
    private Controls() {
    }

    public static Button button(String text, String tooltip, Runnable action) {
        Button b = new Button(text);
        b.setTooltip(new Tooltip(tooltip));
        b.setOnAction(e -> action.run());
        return b;
    }

    /** Adds or removes a style class (a state the CSS shows, such as "problem"). */
    public static void styleIf(Node node, String styleClass, boolean on) {
        node.getStyleClass().remove(styleClass);
        if (on) {
            node.getStyleClass().add(styleClass);
        }
    }

    /** Moves the focus into the field with its text selected, ready to be typed over. */
    public static void focusAndSelect(TextInputControl field) {
        field.requestFocus();
        field.selectAll();
    }
}
