package io.arenainstruct.studio.ui.export;

import static io.arenainstruct.studio.ui.UiHarness.fx;
import static io.arenainstruct.studio.ui.UiHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import io.arenainstruct.studio.domain.arena.BattleStatus;
import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.service.export.ExportFormat;
import io.arenainstruct.studio.ui.FxBlockMeter;
import io.arenainstruct.studio.ui.HostileText;
import io.arenainstruct.studio.ui.UiHarness;
import io.arenainstruct.studio.ui.arena.ArenaFixture;
import io.arenainstruct.studio.ui.common.ReadOnlyText;

/**
 * A winner's answer of 200,000 characters of Arabic (the slowest text JavaFX lays out, see LongText) shows in the
 * sample cut to its first characters, without freezing the window.
 */
@ExtendWith(ApplicationExtension.class)
class ExportLongTextUiTest {
    /** As LongModelTextTest: fails on the freezes a whole line would cause (seconds), not on a busy machine. */
    private static final long LIMIT_MS = Long.getLong("fxblock.limitMs", 1_000);

    @TempDir
    Path tmp;

    private UiHarness ui;

    @Start
    void start(Stage stage) {
        ui = new UiHarness(tmp.resolve("store"), false);
        ArenaFixture plant = new ArenaFixture(ui.workspace);
        long b = plant.battle("A question", "m1", HostileText.arabic(200_000, 7), "m2", "A short answer.");
        plant.judged(
                b,
                "judge-x",
                GradedLabel.A_MUCH_BETTER,
                GradedLabel.B_MUCH_BETTER,
                GradedLabel.A_MUCH_BETTER,
                BattleStatus.JUDGED,
                false);
        ui.show(stage);
        ui.window.select("seeds");
    }

    @AfterEach
    void tearDown() {
        ui.close();
    }

    @Test
    void aHugeAnswerIsCutInTheSampleAndTheWindowStaysQuick(FxRobot robot) throws Exception {
        try (FxBlockMeter meter = new FxBlockMeter()) {
            fx(() -> ui.window.select("export"));
            ExportView view = (ExportView) ui.window.view("export").orElseThrow();
            waitUntil(() -> !view.model().nothing().get().isEmpty());
            WaitForAsyncUtils.waitForFxEvents();
            meter.step("open the area");
            fx(() -> view.model().format().set(ExportFormat.DPO));
            waitUntil(() -> view.model().summary().get().equals("1 of 1 battle gives 1 row."));
            ReadOnlyText sample = robot.lookup(".export-sample-box").queryAs(ReadOnlyText.class);
            waitUntil(() -> sample.getText().startsWith("{\"prompt\":\"A question\",\"chosen\":\""));
            WaitForAsyncUtils.waitForFxEvents();
            meter.step("count and show the sample");
            String shown = sample.getText();
            // the line is cut at 2,000 characters; the file gets all of it
            assertThat(shown.length()).isLessThan(2_100);
            assertThat(shown).matches("(?s).* … \\([0-9,]+ more characters in the file\\)");
            System.out.printf(
                    "export sample: longest FX block %d ms (%s)%n", meter.longestBlockMillis(), meter.steps());
            assertThat(meter.longestBlockMillis()).as("longest FX block (ms)").isLessThan(LIMIT_MS);
        }
    }
}
