package io.arenainstruct.studio.ui.common;

import java.util.List;
import java.util.concurrent.Executor;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

import io.arenainstruct.studio.service.diff.WordDiff;

/**
 * Model text in a column (Refinement): a short text as one wrapping flow with a diff's marks, a long one as a
 * virtualised list of pieces ({@link LongText}) that scrolls by itself. Bidi controls show as visible marks.
 */
public final class ColumnText {
    private static final double LIST_HEIGHT = 400;

    private ColumnText() {}

    /**
     * A text, or its diff against {@code base} (added words marked, removed ones struck through), as a flow or
     * as pieces. A long text shows at once as plain pieces; its diff is worked out on {@code executor} and its
     * marks appear when ready (a diff of long texts can take a while).
     */
    public static Node of(String base, String text, Executor executor) {
        if (LongText.isShort(text) && (base == null || LongText.isShort(base))) {
            List<WordDiff.Segment> segments =
                    base == null ? List.of(new WordDiff.Segment(WordDiff.Kind.SAME, text)) : WordDiff.words(base, text);
            TextFlow flow = new LongText.PieceFlow();
            flow.getStyleClass().add("column-text");
            List<Text> nodes = DiffText.nodes(segments);
            nodes.forEach(t -> t.setText(LongText.visible(t.getText())));
            flow.getChildren().setAll(nodes);
            return flow;
        }
        ListView<List<WordDiff.Segment>> list = list(LongText.plainPieces(text), "column-text-pieces");
        if (base != null) {
            executor.execute(() -> {
                List<List<WordDiff.Segment>> marked = LongText.pieces(WordDiff.words(base, text));
                Platform.runLater(() -> list.getItems().setAll(marked));
            });
        }
        return list;
    }

    /** The model's own text under a hand edit, smaller: a wrapping label, or pieces when long. */
    public static Node modelVersion(String text) {
        if (LongText.isShort(text) && !LongText.shaped(text)) {
            Label label = new Label(LongText.visible(text));
            label.setWrapText(true);
            label.getStyleClass().add("model-version");
            return label;
        }
        if (LongText.isShort(text)) { // shaped: a label would wrap it the way JavaFX gets wrong
            TextFlow flow = new LongText.PieceFlow();
            flow.getStyleClass().add("model-version");
            Text t = new Text(LongText.visible(text));
            t.getStyleClass().add("model-version");
            flow.getChildren().add(t);
            return flow;
        }
        return list(LongText.plainPieces(text), "model-version");
    }

    private static ListView<List<WordDiff.Segment>> list(List<List<WordDiff.Segment>> pieces, String styleClass) {
        ListView<List<WordDiff.Segment>> list = LongText.view(List.of());
        LongText.fillInTurn(list, pieces);
        list.getStyleClass().add(styleClass);
        list.setPrefHeight(LIST_HEIGHT);
        list.setMinHeight(120);
        VBox.setVgrow(list, Priority.ALWAYS);
        return list;
    }

    /**
     * The column's content: in a scroll pane while everything in it is short; as it is when it holds a list of
     * pieces (the list scrolls itself, and a scroll pane around it would lay out every piece at once).
     */
    public static Node scroll(VBox box) {
        boolean pieces = box.getChildren().stream()
                .anyMatch(n -> n instanceof ListView || n instanceof PagedEditor e && e.pageCount() > 1);
        if (pieces) {
            box.setFillWidth(true);
            return box;
        }
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        return scroll;
    }
}
