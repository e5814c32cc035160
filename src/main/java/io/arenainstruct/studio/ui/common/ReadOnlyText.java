package io.arenainstruct.studio.ui.common;

import java.util.List;

import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import io.arenainstruct.studio.service.diff.WordDiff;

/**
 * A read-only text that may be model output of any size: a short text sits in its text area as usual (select,
 * copy, caret); a long or shaped one is shown in pieces by {@link LongText}, a long one with a line saying so.
 */
public final class ReadOnlyText extends VBox {
    private final TextArea area;
    private final Label note = new Label();
    private ListView<List<WordDiff.Segment>> pieces;
    private String text = "";

    public ReadOnlyText(TextArea area) {
        super(4);
        this.area = area;
        area.setEditable(false);
        note.getStyleClass().add("inline-status");
        note.setWrapText(true);
        VBox.setVgrow(area, Priority.ALWAYS);
        getChildren().setAll(area);
    }

    public TextArea area() {
        return area;
    }

    /** The whole text, as stored. */
    public String getText() {
        return text;
    }

    public void setText(String value) {
        text = value == null ? "" : value;
        // Shaped text of any length goes in pieces too: their flows place its line breaks (a text area's wrapping
        // draws it garbled, see ShapedLines).
        if (LongText.isShort(text) && !LongText.shaped(text)) {
            String shown = LongText.visible(text);
            if (!shown.equals(area.getText())) {
                area.setText(shown);
            }
            if (pieces != null) {
                getChildren().setAll(area);
                pieces = null;
            }
            return;
        }
        area.clear();
        List<List<WordDiff.Segment>> parts = LongText.plainPieces(text);
        if (pieces == null) {
            pieces = LongText.view(parts);
            pieces.setId(area.getId() == null ? null : area.getId() + "-pieces");
            VBox.setVgrow(pieces, Priority.ALWAYS);
        } else {
            pieces.getItems().setAll(parts);
        }
        if (LongText.isShort(text)) {
            getChildren().setAll(pieces);
            return;
        }
        getChildren().setAll(pieces, note);
        note.setText(String.format(
                "A long text (%,d characters), shown in pieces so the window stays quick. Ctrl+A"
                        + " then Ctrl+C copies all of it.",
                text.length()));
    }

    /** The piece list while a long or shaped text is shown, else null (for the live reply's scrolling and tests). */
    public ListView<List<WordDiff.Segment>> pieces() {
        return pieces;
    }

    public void clear() {
        setText("");
    }
}
