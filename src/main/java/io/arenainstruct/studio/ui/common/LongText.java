package io.arenainstruct.studio.ui.common;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javafx.animation.AnimationTimer;
import javafx.beans.InvalidationListener;
import javafx.collections.ListChangeListener;
import javafx.geometry.NodeOrientation;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

import io.arenainstruct.studio.service.diff.WordDiff;

/**
 * Model text of any size and script, shown without freezing the UI. JavaFX lays out a wrapped paragraph of
 * right-to-left or other shaped text (Arabic, Hebrew, Devanagari…) in time that grows with the square of its
 * length (1,000 Arabic characters take about half a second, 4,000 ten seconds, and a bidi override makes the
 * layout's memory explode too). So a text that is long, or long and shaped, is cut into pieces of at most
 * {@link #PIECE} characters (at line breaks, else at spaces), and the pieces are shown in a virtualised list: only
 * the pieces on screen are laid out, each one in bounded time. Short plain texts keep their ordinary node.
 *
 * <p>Bidi embedding, override and isolate controls are shown as visible marks (e.g. {@code [U+202E]}) wherever
 * model text is displayed, so a reply cannot reorder what the curator reads; the stored text is never changed.
 */
public final class LongText {
    /** The most characters one piece (one laid-out text node) holds. */
    public static final int PIECE = 160;
    /** Plain (unshaped, left-to-right) text up to this length is shown in one node, as before. */
    static final int SHORT_PLAIN = 20_000;
    /** Shaped or right-to-left text up to this length is shown in one node. */
    static final int SHORT_SHAPED = 160;

    private static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);

    private LongText() {}

    private static boolean warm;

    /**
     * Lays out a few words of shaped scripts once (on the FX thread: JavaFX's shaping library is not safe to use from
     * two threads). The first shaped text loads the shaping library's font configuration and the fonts of those
     * scripts, 150 to 350 ms measured on a loaded 2-core machine; done as the window opens, that cost does not fall
     * on the first right-to-left instruction a curator opens.
     */
    public static void warmUp() {
        if (warm) {
            return;
        }
        warm = true;
        Text text = new Text("نص عربي · טקסט עברי · हिन्दी पाठ");
        new Scene(new Group(text));
        text.applyCss();
        text.getLayoutBounds();
    }

    /** Whether the text can be laid out in one ordinary node in a few milliseconds. */
    public static boolean isShort(String text) {
        if (text == null || text.length() <= SHORT_SHAPED) {
            return true;
        }
        return text.length() <= SHORT_PLAIN && !shaped(text);
    }

    /** Whether any character needs shaping or bidi handling (the slow layout path). */
    public static boolean shaped(String text) {
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            // Below Hebrew: Latin, Greek, Cyrillic, Armenian (laid out simply). Hebrew to the end of the Indic and
            // South-East Asian blocks, the bidi controls, Arabic presentation forms and surrogates (emoji, rare
            // scripts) take the shaping path.
            if (c >= '\u0590'
                    && (c < '\u2000'
                            || (c >= '\u200E' && c <= '\u200F')
                            || (c >= '\u202A' && c <= '\u202E')
                            || (c >= '\u2066' && c <= '\u2069')
                            || c >= '\uD800' && c <= '\uDFFF'
                            || c >= '\uFB1D' && c <= '\uFEFF')) {
                return true;
            }
        }
        return false;
    }

    /**
     * Makes a text area wrap its lines unless its text is shaped: JavaFX wraps shaped text wrongly (see
     * {@link ShapedLines}); a shaped text scrolls sideways instead, each line drawn right. Checked as the text changes.
     */
    public static void wrapUnlessShaped(TextArea area) {
        area.setWrapText(!shaped(area.getText()));
        area.textProperty().addListener((o, before, now) -> area.setWrapText(!shaped(now)));
    }

    /** The text with bidi embedding, override and isolate controls replaced by visible marks. */
    public static String visible(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            boolean control = (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
            if (control && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, k);
            }
            if (out != null) {
                if (control) {
                    out.append(String.format("[U+%04X]", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    /**
     * The text cut into pieces of at most {@link #PIECE} characters: after a line break where there is one, else
     * after the last space, else (one huge word) anywhere but inside a surrogate pair. Joined, they are the text.
     */
    public static List<String> pieces(String text) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        int start = 0;
        while (start < text.length()) {
            int end = cut(text, start);
            out.add(text.substring(start, end));
            start = end;
        }
        return out;
    }

    private static int cut(String text, int start) {
        int limit = Math.min(text.length(), start + PIECE);
        for (int k = start; k < limit; k++) { // not indexOf: it would scan to the end of a huge text each time
            if (text.charAt(k) == '\n') {
                return k + 1;
            }
        }
        if (limit == text.length()) {
            return limit;
        }
        for (int k = limit; k > start + PIECE / 2; k--) {
            if (Character.isWhitespace(text.charAt(k - 1))) {
                return k;
            }
        }
        return Character.isHighSurrogate(text.charAt(limit - 1)) ? limit - 1 : limit;
    }

    /** A diff's segments regrouped into pieces of at most {@link #PIECE} characters, each a list of segments. */
    public static List<List<WordDiff.Segment>> pieces(List<WordDiff.Segment> segments) {
        List<List<WordDiff.Segment>> out = new ArrayList<>();
        List<WordDiff.Segment> current = new ArrayList<>();
        int size = 0;
        for (WordDiff.Segment s : segments) {
            for (String part : pieces(s.text())) {
                if (size > 0 && (size + part.length() > PIECE || endsLine(current))) {
                    out.add(current);
                    current = new ArrayList<>();
                    size = 0;
                }
                current.add(new WordDiff.Segment(s.kind(), part));
                size += part.length();
            }
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    private static boolean endsLine(List<WordDiff.Segment> piece) {
        return !piece.isEmpty() && piece.get(piece.size() - 1).text().endsWith("\n");
    }

    /** A plain text as one-segment pieces. */
    public static List<List<WordDiff.Segment>> plainPieces(String text) {
        List<List<WordDiff.Segment>> out = new ArrayList<>();
        for (String p : pieces(text)) {
            out.add(List.of(new WordDiff.Segment(WordDiff.Kind.SAME, p)));
        }
        return out;
    }

    /**
     * A read-only, virtualised list of pieces (a diff's marks kept: added words styled, removed ones struck
     * through). Ctrl+C copies the selected pieces' text as stored; Ctrl+A selects every piece.
     */
    public static ListView<List<WordDiff.Segment>> view(List<List<WordDiff.Segment>> pieces) {
        ListView<List<WordDiff.Segment>> list = new ListView<>();
        list.getStyleClass().add("long-text");
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.setCellFactory(l -> new PieceCell(l));
        list.getItems().setAll(pieces);
        list.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (COPY.match(e)) {
                StringBuilder b = new StringBuilder();
                list.getSelectionModel().getSelectedIndices().stream()
                        .sorted()
                        .forEach(i -> list.getItems().get(i).stream()
                                .filter(s -> s.kind() != WordDiff.Kind.REMOVED)
                                .forEach(s -> b.append(s.text())));
                ClipboardContent content = new ClipboardContent();
                content.putString(b.toString());
                Clipboard.getSystemClipboard().setContent(content);
                e.consume();
            }
        });
        return list;
    }

    /**
     * Gives a list its pieces in a following frame, one list per frame. Refinement opens with a list in each of its
     * columns; creating and styling the cells of all of them in the frame that builds the columns blocked the
     * window for 150 ms and more. A list that got other pieces meanwhile (a diff that came first) keeps them.
     */
    public static void fillInTurn(ListView<List<WordDiff.Segment>> list, List<List<WordDiff.Segment>> pieces) {
        Turns.QUEUE.add(() -> {
            if (list.getItems().isEmpty()) {
                list.getItems().setAll(pieces);
            }
        });
        Turns.FRAME.start();
    }

    private static final class Turns {
        private static final ArrayDeque<Runnable> QUEUE = new ArrayDeque<>();
        private static final AnimationTimer FRAME = new AnimationTimer() {
            @Override
            public void handle(long now) {
                Runnable next = QUEUE.poll();
                if (next != null) {
                    next.run();
                }
                if (QUEUE.isEmpty()) {
                    stop();
                }
            }
        };

        private Turns() {}
    }

    /** The text a piece list reads as now (removed words left out), as stored: bidi controls unchanged. */
    public static String newText(List<List<WordDiff.Segment>> pieces) {
        StringBuilder b = new StringBuilder();
        pieces.forEach(
                p -> p.stream().filter(s -> s.kind() != WordDiff.Kind.REMOVED).forEach(s -> b.append(s.text())));
        return b.toString();
    }

    /**
     * How many characters of shaped text the pieces on screen may lay out in one frame (about 20 µs each on a
     * slow machine). A piece over the budget shows as a short placeholder and is filled in a following frame, so
     * many lists of pieces appearing at once (the Refinement columns) never freeze the window.
     */
    static final class Budget {
        static final int PER_FRAME = 1_000;
        private static final ArrayDeque<PieceCell> WAITING = new ArrayDeque<>();
        private static int used;
        private static final AnimationTimer FRAME = new AnimationTimer() {
            @Override
            public void handle(long now) {
                used = 0;
                // Each waiting cell once per frame at most: a cell over the budget goes back to wait.
                for (int k = WAITING.size(); k > 0 && used < PER_FRAME; k--) {
                    WAITING.poll().fill();
                }
                if (WAITING.isEmpty()) {
                    stop();
                }
            }
        };

        private Budget() {}

        /** Takes the cost of laying out a piece in this frame, or says to wait for a later one. */
        static boolean take(int cost) {
            FRAME.start();
            if (used > 0 && used + cost > PER_FRAME) {
                return false;
            }
            used += cost;
            return true;
        }

        static void later(PieceCell cell) {
            if (!WAITING.contains(cell)) {
                WAITING.add(cell);
            }
            FRAME.start();
        }
    }

    /** What laying out a piece costs against {@link Budget#PER_FRAME}: plain text is about twenty times cheaper. */
    static int cost(List<WordDiff.Segment> piece) {
        int length = 0;
        boolean shaped = false;
        for (WordDiff.Segment s : piece) {
            length += s.text().length();
            shaped = shaped || shaped(s.text());
        }
        return shaped ? length : length / 20 + 1;
    }

    /** The narrowest a piece is ever laid out, in pixels. */
    static final double MIN_WRAP = 160;

    /**
     * A piece's flow, never laid out narrower than {@link #MIN_WRAP}. A list not laid out yet (as wide as 0) measures
     * its first cells at width 0, and JavaFX then wraps shaped text after every glyph: 160 Arabic characters become
     * 170 lines and take 15 to 60 ms instead of under 1 ms, and the first list of a Refinement column or Try panel
     * blocked the window for 300 to 600 ms. Measured at {@link #MIN_WRAP} instead, it is only an estimate until the
     * list has its width. Shaped text gets its line breaks from {@link ShapedLines} for the width the flow has, and a
     * right-to-left paragraph reads from the right.
     */
    static final class PieceFlow extends TextFlow {
        /*
         * Heights measured, by width and font. TextFlow lays its text out again on every measurement at a width other
         * than its own (and once more to go back), and a list measures each cell several times per layout pass: for
         * shaped text each of those is a full shaping. The text changes only by replacing the children or re-wrapping.
         */
        private final Map<Object, Double> heights = new HashMap<>();
        /* The children's texts as given, while one of them is shaped (then we place the line breaks), else null. */
        private List<String> given;
        private double wrappedAt = -1;

        /* A font set by CSS after the breaks were placed changes every word's width: place them again. */
        private boolean wrapping;
        private final InvalidationListener fontChanged = o -> {
            wrappedAt = -1;
            if (!wrapping) { // while placing them, the fonts are read after the style is applied
                wrap();
            }
        };

        /* Whether the flow turns itself right-to-left; a list's cell turns instead (a flow turned inside a cell was
        drawn shifted past the cell's edges once it had shown a placeholder). */
        private final boolean orientsItself;

        PieceFlow() {
            this(true);
        }

        PieceFlow(boolean orientsItself) {
            this.orientsItself = orientsItself;
            setMinWidth(MIN_WRAP);
            getChildren().addListener((ListChangeListener<Node>) c -> {
                while (c.next()) {
                    c.getRemoved().forEach(n -> {
                        if (n instanceof Text t) {
                            t.fontProperty().removeListener(fontChanged);
                        }
                    });
                    c.getAddedSubList().forEach(n -> {
                        if (n instanceof Text t) {
                            t.fontProperty().addListener(fontChanged);
                        }
                    });
                }
                childrenChanged();
            });
            // Only the width the flow is given, never a width it is measured at: the text must not change back and
            // forth between two widths within one layout pass.
            widthProperty().addListener((o, before, now) -> wrap());
        }

        private void childrenChanged() {
            heights.clear();
            wrappedAt = -1;
            List<String> texts = new ArrayList<>();
            boolean anyShaped = false;
            for (Node n : getChildren()) {
                if (!(n instanceof Text t)) {
                    given = null;
                    return;
                }
                texts.add(t.getText());
                anyShaped = anyShaped || shaped(t.getText());
            }
            given = anyShaped ? texts : null;
            if (orientsItself) {
                setNodeOrientation(orientation(given));
            }
            wrap();
        }

        /** Right to left for shaped texts whose first strong character is (null: plain texts). */
        static NodeOrientation orientation(List<String> shapedTexts) {
            return shapedTexts != null && ShapedLines.rightToLeft(shapedTexts)
                    ? NodeOrientation.RIGHT_TO_LEFT
                    : NodeOrientation.INHERIT;
        }

        /** Places the line breaks of shaped text for the width the flow has now. */
        private void wrap() {
            double width = getWidth() - snappedLeftInset() - snappedRightInset();
            if (given == null || width <= 0 || width == wrappedAt) {
                return;
            }
            wrapping = true;
            try {
                applyCss(); // the fonts the texts will be drawn in
            } finally {
                wrapping = false;
            }
            wrappedAt = width;
            List<Font> fonts = new ArrayList<>();
            getChildren().forEach(n -> fonts.add(((Text) n).getFont()));
            List<String> lines =
                    ShapedLines.wrap(given, fonts, Math.max(width, MIN_WRAP), ShapedLines.FxMeasure.INSTANCE);
            for (int k = 0; k < lines.size(); k++) {
                ((Text) getChildren().get(k)).setText(lines.get(k));
            }
            heights.clear();
        }

        @Override
        protected double computePrefHeight(double width) {
            // Never wider than the flow may be: a list cell asks at its own width, and a TextFlow measured wider
            // than it is laid out right-aligned its right-to-left lines to that width, past the cell's edge.
            double most = getMaxWidth() > 0 ? getMaxWidth() : Double.MAX_VALUE;
            double w = width < 0 ? width : Math.max(Math.min(width, most), MIN_WRAP);
            Object font = getChildren().isEmpty() || !(getChildren().get(0) instanceof Text t) ? null : t.getFont();
            if (heights.size() > 16) {
                heights.clear(); // a window being resized: keep only recent widths
            }
            return heights.computeIfAbsent(List.of(w, String.valueOf(font)), k -> super.computePrefHeight(w));
        }

        @Override
        protected double computeMinHeight(double width) {
            return computePrefHeight(width); // as TextFlow does, but through the cache
        }
    }

    /** One piece: a wrapping flow of at most {@link #PIECE} characters, as wide as the list. */
    private static final class PieceCell extends ListCell<List<WordDiff.Segment>> {
        private final PieceFlow flow = new PieceFlow(false);
        private final Text waiting = new Text("…");

        PieceCell(ListView<?> list) {
            flow.getStyleClass().add("column-text");
            waiting.getStyleClass().add("waiting");
            // The flow wraps at the list's width (less its scroll bar), never wider: no sideways scrolling.
            flow.maxWidthProperty().bind(list.widthProperty().subtract(32));
            flow.prefWidthProperty().bind(list.widthProperty().subtract(32));
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(List<WordDiff.Segment> piece, boolean empty) {
            super.updateItem(piece, empty);
            setText(null);
            if (empty || piece == null) {
                setGraphic(null);
                return;
            }
            if (Budget.take(cost(piece))) {
                show(piece);
            } else {
                flow.getChildren().setAll(waiting);
                // As tall as the piece will be, roughly: a one-line placeholder would make the list create (and
                // style) a cell for every line of its height, and the columns of Refinement hold many lists.
                double perLine = Math.max(10, (getListView().getWidth() - 32) / 7);
                flow.setMinHeight(Math.ceil(cost(piece) / perLine) * 18);
                setGraphic(flow);
                Budget.later(this);
            }
        }

        /** Fills a placeholder in a later frame (if the cell still shows a piece). */
        void fill() {
            List<WordDiff.Segment> piece = getItem();
            if (piece != null
                    && !isEmpty()
                    && flow.getChildren().size() == 1
                    && flow.getChildren().get(0) == waiting) {
                if (Budget.take(cost(piece))) {
                    show(piece);
                } else {
                    Budget.later(this);
                }
            }
        }

        private void show(List<WordDiff.Segment> piece) {
            flow.setMinHeight(USE_COMPUTED_SIZE);
            List<Text> nodes = DiffText.nodes(piece);
            nodes.forEach(t -> t.setText(visible(t.getText())));
            flow.getChildren().setAll(nodes);
            setNodeOrientation(PieceFlow.orientation(flow.given));
            setGraphic(flow);
        }
    }
}
