package io.arenainstruct.studio.ui.export;

import static io.arenainstruct.studio.ui.UiHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
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
import io.arenainstruct.studio.ui.UiHarness;
import io.arenainstruct.studio.ui.arena.ArenaFixture;

/**
 * The Export area driven by keys on a real store: four battles m1 against m2; the judge found m1 better (A&gt;B) on
 * battle 1, m2 much better (B&gt;&gt;A) on battle 2, a tie on battle 3, and battle 4 is not judged (the counts are
 * worked out in {@link ExportViewModelTest}'s terms: DPO keeps battles 1 and 2; strong only keeps battle 2).
 */
@ExtendWith(ApplicationExtension.class)
class ExportAreaUiTest {
    @TempDir
    Path tmp;

    private UiHarness ui;

    @Start
    void start(Stage stage) {
        ui = new UiHarness(tmp.resolve("store"), false);
        ArenaFixture plant = new ArenaFixture(ui.workspace);
        List<Long> ids = plant.battles(4);
        plant.judged(
                ids.get(0),
                "judge-x",
                GradedLabel.A_BETTER,
                GradedLabel.B_BETTER,
                GradedLabel.A_BETTER,
                BattleStatus.JUDGED,
                false);
        plant.judged(
                ids.get(1),
                "judge-x",
                GradedLabel.B_MUCH_BETTER,
                GradedLabel.A_MUCH_BETTER,
                GradedLabel.B_MUCH_BETTER,
                BattleStatus.JUDGED,
                false);
        plant.judged(
                ids.get(2), "judge-x", GradedLabel.TIE, GradedLabel.TIE, GradedLabel.TIE, BattleStatus.JUDGED, false);
        ui.show(stage);
        ui.window.select("seeds");
    }

    @AfterEach
    void tearDown() {
        ui.close();
    }

    @Test
    void formatAndARuleChangedByKeysChangeTheCountsAndCtrlSWritesTheRows(FxRobot robot) throws Exception {
        press(robot, KeyCode.CONTROL, KeyCode.E);
        waitUntil(() -> "export".equals(ui.window.currentAreaId()));
        waitUntil(() -> label(robot, "#export-nothing")
                .equals("Nothing to export: there are no instructions to choose from (run a flow first)."));

        // the area gives the format chooser the keys on opening; Down moves to the next format: openai, sharegpt,
        // alpaca, dpo
        @SuppressWarnings("unchecked")
        ComboBox<ExportFormat> format = robot.lookup("#export-format").queryAs(ComboBox.class);
        waitUntil(format::isFocused);
        press(robot, KeyCode.DOWN);
        press(robot, KeyCode.DOWN);
        press(robot, KeyCode.DOWN);
        waitUntil(() -> format.getValue() == ExportFormat.DPO);
        waitUntil(() -> label(robot, "#export-summary")
                .equals("2 of 4 battles give 2 rows; left out: 1 was a tie, 1 was not judged yet."));
        assertThat(sample(robot)).startsWith("{\"prompt\":\"Prompt 1\",\"chosen\":\"m1 answers Prompt 1\"");
        // rules for other selections are disabled
        assertThat(robot.lookup("#export-ties").queryAs(CheckBox.class).isDisabled())
                .isTrue();
        assertThat(robot.lookup("#export-accepted").queryAs(CheckBox.class).isDisabled())
                .isTrue();
        assertThat(robot.lookup("#export-best-pair").queryAs(CheckBox.class).isDisabled())
                .isFalse();

        // Tab to "strong verdicts only" (past the selection, the target and who decides), Space ticks it: battle 1's
        // A>B and the tie are not strong
        CheckBox strong = robot.lookup("#export-strong").queryAs(CheckBox.class);
        for (int i = 0; i < 4; i++) {
            press(robot, KeyCode.TAB);
        }
        waitUntil(strong::isFocused);
        press(robot, KeyCode.SPACE);
        waitUntil(strong::isSelected);
        waitUntil(() -> label(robot, "#export-summary")
                .equals("1 of 4 battles gives 1 row; left out: 1 had no strong verdict, 1 was a tie, 1 was not judged"
                        + " yet."));

        Path out = tmp.resolve("strong.jsonl");
        ui.dialogs.saveFiles.add(out);
        press(robot, KeyCode.CONTROL, KeyCode.S);
        waitUntil(() -> label(robot, "#export-message").equals("Wrote 1 row to " + out + "."));
        assertThat(Files.readAllLines(out, StandardCharsets.UTF_8))
                .containsExactly("{\"prompt\":\"Prompt 2\",\"chosen\":\"m2 answers Prompt 2\","
                        + "\"rejected\":\"m1 answers Prompt 2\"}");

        // bad lengths: the sentence beside the form, no dialog. Tab past consistent games, the score gap and the best
        // pair (the KTO and instruction rules are disabled, so Tab skips them)
        for (int i = 0; i < 4; i++) {
            press(robot, KeyCode.TAB);
        }
        Node min = robot.lookup("#export-min-chars").query();
        waitUntil(min::isFocused);
        robot.write("50");
        press(robot, KeyCode.TAB);
        robot.write("10");
        waitUntil(() -> label(robot, "#export-problem")
                .equals("The shortest answer (50 characters) is longer than the longest (10)."));
        assertThat(ui.dialogs.errors).isEmpty();

        // the lengths cleared again; Tab on to the metadata box (past the longest, run, dataset, skill, category, row
        // limit, dedup (on) and its similarity), Space ticks it: the sample carries metadata
        press(robot, KeyCode.BACK_SPACE);
        press(robot, KeyCode.BACK_SPACE);
        press(robot, KeyCode.SHIFT, KeyCode.TAB);
        waitUntil(min::isFocused);
        press(robot, KeyCode.CONTROL, KeyCode.A);
        press(robot, KeyCode.BACK_SPACE);
        waitUntil(() -> label(robot, "#export-problem").isEmpty()
                && label(robot, "#export-summary").startsWith("1 of 4 battles gives 1 row"));
        CheckBox metadata = robot.lookup("#export-metadata").queryAs(CheckBox.class);
        for (int i = 0; i < 9; i++) {
            press(robot, KeyCode.TAB);
        }
        waitUntil(metadata::isFocused);
        press(robot, KeyCode.SPACE);
        waitUntil(metadata::isSelected);
        waitUntil(() -> sample(robot).contains("\"metadata\":{"));
    }

    private static String label(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private static String sample(FxRobot robot) {
        return robot.lookup("#export-sample").queryAs(TextArea.class).getText();
    }

    @Test
    void ctrlTabOpensTheDuplicatesWhichComputeAndTakeTheKeys(FxRobot robot) throws Exception {
        // the pointer parked on the menu bar: left over a control by an earlier test, it opens that control's tooltip,
        // whose popup can take the window's focus from the form while the keys below are typed
        robot.moveTo(new Point2D(2, 2));
        press(robot, KeyCode.CONTROL, KeyCode.E);
        waitUntil(() -> "export".equals(ui.window.currentAreaId()));
        TabPane tabs = robot.lookup("#export-tabs").queryAs(TabPane.class);
        waitUntil(() -> tabs.getSelectionModel().getSelectedIndex() == 0);
        press(robot, KeyCode.CONTROL, KeyCode.TAB);
        waitUntil(() -> tabs.getSelectionModel().getSelectedItem().getId().equals("export-tab-duplicates"));
        // the four prompts "Prompt 1" to "Prompt 4" differ: a pass over them finds nothing
        Label summary = robot.lookup("#duplicates-summary").queryAs(Label.class);
        waitUntil(() -> summary.getText().startsWith("4 items"));
        assertThat(summary.getText()).startsWith("4 items: 0 contaminated, 0 exact duplicates");
        waitUntil(() -> robot.lookup("#duplicates-table").query().isFocused());
    }

    private static void press(FxRobot robot, KeyCode... keys) {
        robot.press(keys);
        for (int i = keys.length - 1; i >= 0; i--) {
            robot.release(keys[i]);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }
}
