package io.arenainstruct.studio.ui.seeds;

import java.util.Arrays;

import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;

/** Code preview: monospace lines with line numbers; virtualised, so long files scroll smoothly. */
final class LineNumberedText extends ListView<String> {

    LineNumberedText() {
        getStyleClass().add("code-preview");
        setFocusTraversable(true);
        setCellFactory(list -> new ListCell<>() {
            private final Label number = new Label();
            private final Label line = new Label();
            private final HBox row = new HBox(number, line);

            {
                number.getStyleClass().add("line-number");
                line.getStyleClass().add("code-line");
            }

            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                if (empty || text == null) {
                    setGraphic(null);
                } else {
                    number.setText(Integer.toString(getIndex() + 1));
                    line.setText(text.isEmpty() ? " " : text.replace("\t", "    "));
                    setGraphic(row);
                }
            }
        });
    }

    void setText(String text) {
        getItems().setAll(Arrays.asList(text.split("\r?\n", -1)));
        scrollTo(0);
    }
}
