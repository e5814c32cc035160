package io.arenainstruct.studio.ui.arena;

import static io.arenainstruct.studio.ui.UiHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import javafx.beans.property.SimpleStringProperty;
import javafx.scene.control.Spinner;
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

import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.domain.arena.Verdict;
import io.arenainstruct.studio.domain.arena.VerdictSource;
import io.arenainstruct.studio.ui.UiHarness;
import io.arenainstruct.studio.ui.common.ReadOnlyText;
import io.arenainstruct.studio.ui.shell.Area;
import io.arenainstruct.studio.ui.task.CallingThreadTaskExecutor;

/**
 * Two annotators on one queue, one in the tab by keys and one in a second view model on the same workspace: the
 * battle shown to one is not shown to the other; the verdicts wanted per battle are set by keys in the tab, and with
 * two each battle goes to both annotators.
 */
@ExtendWith(ApplicationExtension.class)
class AdjudicateSharedQueueTest {
    @TempDir
    Path tmp;

    private UiHarness ui;
    private List<Long> ids;
    private AdjudicateViewModel bo;

    @Start
    void start(Stage stage) {
        ui = new UiHarness(tmp.resolve("store"), false);
        ids = new ArenaFixture(ui.workspace).battles(3);
        ui.show(stage);
        ui.window.select("seeds");
    }

    @AfterEach
    void tearDown() {
        if (bo != null) {
            bo.close();
        }
        ui.close();
    }

    private static void press(FxRobot robot, KeyCode... keys) {
        robot.press(keys);
        for (int i = keys.length - 1; i >= 0; i--) {
            robot.release(keys[i]);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String text(FxRobot robot, String id) {
        return ((ReadOnlyText) robot.lookup(id).queryAs(TextArea.class).getParent()).getText();
    }

    private List<String> humanVoters(long battle) {
        return ui.workspace.battles().verdicts(battle).stream()
                .filter(v -> v.source() == VerdictSource.HUMAN)
                .map(Verdict::voter)
                .sorted()
                .toList();
    }

    @Test
    void aBattleShownToOneAnnotatorIsNotShownToAnotherAndTwoVerdictsPerBattleAreSetByKeys(FxRobot robot)
            throws Exception {
        List<Area> areas = Area.registered();
        int index = 0;
        while (!areas.get(index).id().equals("arena")) {
            index++;
        }
        press(robot, KeyCode.CONTROL, KeyCode.valueOf("DIGIT" + (index + 1)));
        waitUntil(() -> "arena".equals(ui.window.currentAreaId()));
        TabPane arenaTabs = robot.lookup("#arena-tabs").queryAs(TabPane.class);
        robot.clickOn("#arena-tab-adjudicate");
        waitUntil(
                () -> arenaTabs.getSelectionModel().getSelectedItem().getText().equals("Adjudicate"));
        waitUntil(() -> robot.lookup("#adjudicate-name").query().isFocused());
        robot.write("Dana");
        press(robot, KeyCode.ENTER);

        // Dana is shown Prompt 1 (claimed for her); Bo, on the same queue, is shown Prompt 2
        waitUntil(() -> text(robot, "#adjudicate-instruction").equals("Prompt 1"));
        bo = new AdjudicateViewModel(
                ui.workspace.adjudication(),
                ui.workspace.battles(),
                new CallingThreadTaskExecutor(),
                new SimpleStringProperty("Bo"));
        bo.reload();
        assertThat(bo.shown().get().battleId()).isEqualTo(ids.get(1));
        assertThat(ui.workspace.adjudication().claimants(ids.get(0))).containsExactly("Dana");
        assertThat(ui.workspace.adjudication().claimants(ids.get(1))).containsExactly("Bo");

        // Two verdicts per battle, by keys: Tab moves to the control, Up raises it
        Spinner<?> perBattle = robot.lookup("#adjudicate-verdicts-per-battle").queryAs(Spinner.class);
        robot.clickOn("#adjudicate-blind");
        for (int tabs = 0; tabs < 10 && !perBattle.isFocused(); tabs++) {
            press(robot, KeyCode.TAB);
        }
        assertThat(perBattle.isFocused())
                .as("reached by Tab from the Blind box")
                .isTrue();
        press(robot, KeyCode.UP);
        waitUntil(() -> ui.workspace.adjudication().verdictsPerBattle() == 2);

        // Dana votes on Prompt 1 by key; with two wanted, Prompt 2 (Bo holds one place of two) is hers next
        waitUntil(() -> text(robot, "#adjudicate-instruction").equals("Prompt 1"));
        robot.clickOn("#adjudicate-battle");
        press(robot, KeyCode.DIGIT1);
        waitUntil(() -> humanVoters(ids.get(0)).equals(List.of("Dana")));
        waitUntil(() -> text(robot, "#adjudicate-instruction").equals("Prompt 2"));
        assertThat(ui.workspace.adjudication().claimants(ids.get(1))).containsExactly("Bo", "Dana");

        // Bo's queue read again asks for two: Prompt 2 (still his), Prompt 3, then Prompt 1, settled by Dana's
        // vote and so last in the queue, whose second verdict is his to give
        bo.reload();
        assertThat(bo.verdictsPerBattle().get()).isEqualTo(2);
        assertThat(bo.shown().get().battleId()).isEqualTo(ids.get(1));
        bo.vote(GradedLabel.TIE);
        assertThat(bo.shown().get().battleId()).isEqualTo(ids.get(2));
        bo.skip();
        assertThat(ui.workspace.adjudication().claimants(ids.get(2))).isEmpty();
        assertThat(bo.shown().get().battleId()).isEqualTo(ids.get(0));
        bo.vote(GradedLabel.TIE);
        assertThat(humanVoters(ids.get(0))).containsExactly("Bo", "Dana");
        assertThat(ui.workspace.adjudication().claimants(ids.get(0))).isEmpty();
        // Dana is on Prompt 2 with Bo's verdict given: hers is the second
        press(robot, KeyCode.DIGIT2);
        waitUntil(() -> humanVoters(ids.get(1)).equals(List.of("Bo", "Dana")));
    }
}
