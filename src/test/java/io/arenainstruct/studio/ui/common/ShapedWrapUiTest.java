package io.arenainstruct.studio.ui.common;

import static io.arenainstruct.studio.ui.UiHarness.fx;
import static io.arenainstruct.studio.ui.UiHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import javafx.geometry.NodeOrientation;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import io.arenainstruct.studio.ui.HostileText;
import io.arenainstruct.studio.ui.Theme;

/**
 * JavaFX draws a shaped line it wrapped itself garbled on Linux (each line draws the rest of the run), so shaped
 * text must reach the screen with every line already short enough: JavaFX then wraps nothing. The test lays the
 * same texts out again with no width limit: if JavaFX wrapped any line, the limited flow is taller.
 */
@ExtendWith(ApplicationExtension.class)
class ShapedWrapUiTest {
    /** Heights differ by pixel snapping only; a line JavaFX wrapped would add a whole line (about 15 px). */
    private static final Offset<Double> SNAPPING = Offset.offset(1.0);

    private final VBox root = new VBox();

    @Start
    void start(Stage stage) {
        // A fixed narrow box, whatever size earlier tests left the shared stage at (and left as it is for later
        // ones): 160 Arabic characters take several lines.
        root.setPrefSize(320, 600);
        root.setMaxSize(320, 600);
        Scene scene = new Scene(new Group(root));
        Theme.apply(false); // the app's cell padding and fonts
        Theme.style(scene);
        stage.setScene(scene);
        stage.show();
    }

    private static double unlimitedHeight(TextFlow flow) {
        TextFlow free = new TextFlow();
        for (Node n : flow.getChildren()) {
            Text t = (Text) n;
            Text copy = new Text(t.getText());
            copy.setFont(t.getFont());
            free.getChildren().add(copy);
        }
        new Scene(new VBox(free));
        free.applyCss();
        return free.prefHeight(-1);
    }

    private static String shown(TextFlow flow) {
        StringBuilder b = new StringBuilder();
        flow.getChildren().forEach(n -> b.append(((Text) n).getText()));
        return b.toString();
    }

    @Test
    void aColumnsShapedTextHasItsLineBreaksPlacedSoJavaFxWrapsNoLineItself() throws Exception {
        String arabic = HostileText.arabic(LongText.PIECE, 3); // short: one flow, not pieces
        AtomicReference<TextFlow> flow = new AtomicReference<>();
        fx(() -> {
            TextFlow f = (TextFlow) ColumnText.of(null, arabic, Runnable::run);
            flow.set(f);
            root.getChildren().setAll(f);
        });
        waitUntil(() -> flow.get().getWidth() > 0);
        double[] heights = new double[2];
        fx(() -> {
            root.layout();
            heights[0] = flow.get().getHeight();
            heights[1] = unlimitedHeight(flow.get());
        });
        assertThat(heights[0])
                .as("laid out in the column vs with no width limit")
                .isCloseTo(heights[1], SNAPPING);
        String text = shown(flow.get());
        assertThat(text.lines().count()).isGreaterThan(1);
        assertThat(text.replace('\n', ' ')).isEqualTo(arabic);
        assertThat(flow.get().getEffectiveNodeOrientation()).isEqualTo(NodeOrientation.RIGHT_TO_LEFT);
    }

    @Test
    void aFontSetLaterPlacesTheBreaksAgain() throws Exception {
        String arabic = HostileText.arabic(LongText.PIECE, 5);
        AtomicReference<TextFlow> flow = new AtomicReference<>();
        fx(() -> {
            TextFlow f = (TextFlow) ColumnText.of(null, arabic, Runnable::run);
            flow.set(f);
            root.getChildren().setAll(f);
        });
        waitUntil(() -> flow.get().getWidth() > 0);
        String before = shown(flow.get());
        // As a style sheet or a zoom would: a bigger font once the lines were placed (the texts inherit it).
        fx(() -> flow.get().setStyle("-fx-font-size: 22px;"));
        double[] heights = new double[2];
        fx(() -> {
            root.layout();
            heights[0] = flow.get().getHeight();
            heights[1] = unlimitedHeight(flow.get());
        });
        assertThat(shown(flow.get()).lines().count())
                .isGreaterThan(before.lines().count());
        assertThat(heights[0])
                .as("laid out in the column vs with no width limit")
                .isCloseTo(heights[1], SNAPPING);
    }

    @Test
    void piecesOfALongShapedTextAreEachLaidOutWithoutJavaFxWrapping() throws Exception {
        String arabic = HostileText.arabic(5_000, 4);
        AtomicReference<ListView<?>> list = new AtomicReference<>();
        fx(() -> {
            var l = LongText.view(LongText.plainPieces(arabic));
            l.setPrefHeight(560);
            list.set(l);
            root.getChildren().setAll(l);
        });
        waitUntil(() -> flowsShown(list.get()).size() >= 5);
        List<double[]> heights = new ArrayList<>();
        fx(() -> flowsShown(list.get())
                .forEach(f -> heights.add(new double[] {
                    f.getHeight(),
                    unlimitedHeight(f),
                    f.getChildren().get(0).getBoundsInParent().getMinX(),
                    f.getChildren().get(0).getBoundsInParent().getMaxX(),
                    f.getWidth()
                })));
        for (double[] h : heights) {
            assertThat(h[0])
                    .as("a piece laid out in the list vs with no width limit")
                    .isCloseTo(h[1], SNAPPING);
            // Right-aligned lines stay inside the flow (they were once aligned to the wider cell, past its edge).
            assertThat(h[2]).as("left edge of the text in its flow").isGreaterThanOrEqualTo(-1);
            assertThat(h[3]).as("right edge of the text in its flow").isLessThanOrEqualTo(h[4] + 1);
        }
    }

    private static List<TextFlow> flowsShown(ListView<?> list) {
        List<TextFlow> out = new ArrayList<>();
        list.lookupAll(".column-text").forEach(n -> {
            if (n instanceof TextFlow f
                    && f.isVisible()
                    && f.getParent() != null
                    && f.getParent().isVisible()
                    && f.getWidth() > 0
                    && !f.getChildren().isEmpty()
                    && ((Text) f.getChildren().get(0)).getText().length() > 1) {
                out.add(f);
            }
        });
        return out;
    }

    @Test
    void aShortShapedReadOnlyTextIsShownInPiecesAndAnEditorOfShapedTextDoesNotWrap() throws Exception {
        AtomicReference<ReadOnlyText> text = new AtomicReference<>();
        AtomicReference<PagedEditor> editor = new AtomicReference<>();
        fx(() -> {
            ReadOnlyText t = new ReadOnlyText(new TextArea());
            t.setText("سؤال قصير عن النص");
            text.set(t);
            editor.set(new PagedEditor("هذا نص عربي يحرره المنسق"));
            root.getChildren().setAll(t, editor.get());
        });
        assertThat(text.get().pieces()).isNotNull();
        assertThat(text.get().getChildren()).containsExactly(text.get().pieces()); // no "long text" note
        assertThat(editor.get().area().isWrapText()).isFalse();
        fx(() -> editor.get().area().setText("plain English again"));
        assertThat(editor.get().area().isWrapText()).isTrue();
        fx(() -> text.get().setText("plain English"));
        assertThat(text.get().pieces()).isNull();
    }
}
