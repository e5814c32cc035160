package io.arenainstruct.studio.ui.common;

import static io.arenainstruct.studio.ui.UiHarness.fx;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;

import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.scene.text.Text;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import io.arenainstruct.studio.ui.HostileText;

/** A piece of shaped text is never laid out at a width of 0, where JavaFX wraps after every glyph (slowly). */
@ExtendWith(ApplicationExtension.class)
class PieceFlowTest {
    private final Pane root = new Pane();

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(root, 400, 300));
        stage.show();
    }

    @Test
    void aPieceMeasuredAtWidthZeroIsLaidOutAtTheNarrowestWrapNotPerGlyph() {
        AtomicReference<double[]> heights = new AtomicReference<>();
        fx(() -> {
            LongText.PieceFlow flow = new LongText.PieceFlow();
            flow.getChildren().add(new Text(HostileText.arabic(LongText.PIECE, 1)));
            root.getChildren().setAll(flow);
            flow.applyCss();
            heights.set(new double[] {flow.prefHeight(0), flow.minHeight(0), flow.prefHeight(LongText.MIN_WRAP)});
        });
        // At a width of 0 JavaFX puts each glyph on its own line: about 170 lines, 2,500 px.
        assertThat(heights.get()[0]).isEqualTo(heights.get()[2]).isLessThan(400);
        assertThat(heights.get()[1]).isLessThan(400);
    }
}
