package io.arenainstruct.studio.ui.common;

import java.util.ArrayList;
import java.util.List;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * A text editor for model text of any size. A text area lays out its whole text as one paragraph node, which for
 * long right-to-left or shaped text takes seconds per keystroke (see {@link LongText}); so a text that is not
 * short is edited one page at a time (pages of at most {@link #PAGE_SHAPED} characters of shaped text, or
 * {@link #PAGE_PLAIN} of plain text, cut at line breaks or spaces), with Ctrl+Page Down / Ctrl+Page Up to turn
 * pages. {@link #text()} joins the pages again, so an untouched text comes back exactly as it went in.
 */
public final class PagedEditor extends VBox {
    static final int PAGE_SHAPED = 200;
    static final int PAGE_PLAIN = 20_000;
    private static final KeyCombination NEXT = new KeyCodeCombination(KeyCode.PAGE_DOWN, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination PREVIOUS =
            new KeyCodeCombination(KeyCode.PAGE_UP, KeyCombination.SHORTCUT_DOWN);

    private final TextArea area = new TextArea();
    private final List<String> pages;
    private final Label where = new Label();
    private int page;

    public PagedEditor(String text) {
        super(4);
        pages = pages(text == null ? "" : text);
        area.setText(pages.get(0));
        LongText.wrapUnlessShaped(area);
        VBox.setVgrow(area, Priority.ALWAYS);
        getChildren().add(area);
        if (pages.size() > 1) {
            Button previous =
                    Controls.button("Previous page", "The previous page of this text (Ctrl+Page Up)", () -> turn(-1));
            previous.setId("editor-previous-page");
            Button next = Controls.button("Next page", "The next page of this text (Ctrl+Page Down)", () -> turn(1));
            next.setId("editor-next-page");
            previous.setFocusTraversable(false);
            next.setFocusTraversable(false);
            where.setId("editor-page");
            where.getStyleClass().add("inline-status");
            where.setWrapText(true);
            HBox bar = new HBox(8, previous, next, where);
            getChildren().add(0, bar);
            area.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
                if (NEXT.match(e) || PREVIOUS.match(e)) {
                    turn(NEXT.match(e) ? 1 : -1);
                    e.consume();
                }
            });
            showWhere();
        }
    }

    /** The text area of the page being edited (it has the focus while editing). */
    public TextArea area() {
        return area;
    }

    /** The whole text: every page as edited, joined. */
    public String text() {
        pages.set(page, area.getText());
        return String.join("", pages);
    }

    public int pageCount() {
        return pages.size();
    }

    private void turn(int step) {
        int to = Math.max(0, Math.min(pages.size() - 1, page + step));
        if (to == page) {
            return;
        }
        pages.set(page, area.getText());
        page = to;
        area.setText(pages.get(page));
        area.positionCaret(step > 0 ? 0 : area.getLength());
        showWhere();
    }

    private void showWhere() {
        where.setText(String.format(
                "Page %d of %d. This text is long, so it is edited a page at a time"
                        + " (Ctrl+Page Down / Ctrl+Page Up); Ctrl+S keeps every page.",
                page + 1, pages.size()));
    }

    /** The text in pages: one page when it is short, else pages cut at line breaks or spaces. */
    static List<String> pages(String text) {
        List<String> out = new ArrayList<>();
        int size = LongText.shaped(text) ? PAGE_SHAPED : PAGE_PLAIN;
        if (text.length() <= size) {
            out.add(text);
            return out;
        }
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(text.length(), start + size);
            if (end < text.length()) {
                int newline = end - 1; // a bounded scan: lastIndexOf would run back to the start of the text
                while (newline > start + size / 2 && text.charAt(newline) != '\n') {
                    newline--;
                }
                if (newline > start + size / 2) {
                    end = newline + 1;
                } else {
                    int k = end;
                    while (k > start + size / 2 && !Character.isWhitespace(text.charAt(k - 1))) {
                        k--;
                    }
                    end = k > start + size / 2 ? k : Character.isHighSurrogate(text.charAt(end - 1)) ? end - 1 : end;
                }
            }
            out.add(text.substring(start, end));
            start = end;
        }
        return out;
    }
}
