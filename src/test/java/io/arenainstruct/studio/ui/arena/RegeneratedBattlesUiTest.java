package io.arenainstruct.studio.ui.arena;

import static io.arenainstruct.studio.ui.UiHarness.fx;
import static io.arenainstruct.studio.ui.UiHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
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

import io.arenainstruct.studio.domain.arena.ArenaResponse;
import io.arenainstruct.studio.domain.arena.Battle;
import io.arenainstruct.studio.domain.arena.BattleStatus;
import io.arenainstruct.studio.domain.provenance.AgentCall;
import io.arenainstruct.studio.service.loop.BattleRegeneration;
import io.arenainstruct.studio.service.loop.RegenerationFixture;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.store.ArenaRepository;
import io.arenainstruct.studio.store.BattleRepository;
import io.arenainstruct.studio.ui.UiHarness;
import io.arenainstruct.studio.ui.shell.Area;

/**
 * The Battles tab shows a both-bad battle and the battle that redoes it, each with a link to the other, followed by
 * keys (Tab to it, Space or Enter) and by a click.
 */
@ExtendWith(ApplicationExtension.class)
class RegeneratedBattlesUiTest {
    @TempDir
    Path tmp;

    private UiHarness ui;

    @Start
    void start(Stage stage) {
        ui = new UiHarness(tmp.resolve("store"), false);
        ui.show(stage);
        ui.window.select("seeds");
    }

    @AfterEach
    void tearDown() {
        ui.close();
    }

    @Test
    void aFailedBattleAndItsRedoLeadToEachOtherByKeysAndByClicks(FxRobot robot) throws Exception {
        // battles 1 to 6; battle 1 (m1 vs m2, both bad) redone as battle 7: m1's failed answer against m3's new one
        List<Long> planted = RegenerationFixture.plant(ui.workspace);
        long failed = planted.get(0);
        Battle old = ui.workspace.battles().battle(failed).orElseThrow();
        ArenaRepository arena = new ArenaRepository(WorkspaceRepositories.store(ui.workspace));
        long fresh = arena.addResponse(
                ArenaResponse.generated(old.instructionId(), "m3", "m3 answers Prompt 1 again", AgentCall.NONE));
        long redo = new BattleRepository(WorkspaceRepositories.store(ui.workspace))
                .createRegenerations(
                        failed,
                        List.of(new Battle(
                                0,
                                old.instructionId(),
                                "m1",
                                "m3",
                                old.responseA(),
                                fresh,
                                1,
                                BattleRegeneration.STRATEGY,
                                old.category(),
                                BattleStatus.UNJUDGED,
                                false,
                                null)))
                .ids()
                .get(0);
        assertThat(redo).isEqualTo(7);

        openBattles(robot);
        waitUntil(() -> battles(robot).getItems().size() == 7);
        fx(() -> battles(robot).requestFocus());
        press(robot, KeyCode.HOME);
        waitUntil(() -> title(robot).startsWith("Battle " + failed + " · m1 (A) vs m2 (B)"));
        waitUntil(() -> robot.lookup("#battle-regenerated-as-7").tryQuery().isPresent());
        assertThat(link(robot, "#battle-regenerated-as-7").getText()).isEqualTo("Regenerated as battle #7");
        assertThat(robot.lookup("#battle-redoes").tryQuery()).isEmpty();

        // Tab from the table to the link, Space follows it: the redo, selected in the table, its link focused
        for (int i = 0; i < 12 && !link(robot, "#battle-regenerated-as-7").isFocused(); i++) {
            press(robot, KeyCode.TAB);
        }
        assertThat(link(robot, "#battle-regenerated-as-7").isFocused()).isTrue();
        press(robot, KeyCode.SPACE);
        waitUntil(() -> title(robot).startsWith("Battle 7 · m1 (A) vs m3 (B) · Math · unjudged"));
        assertThat(area(robot, "#battle-answer-b").getText()).isEqualTo("m3 answers Prompt 1 again");
        assertThat(battles(robot).getSelectionModel().getSelectedItem().id()).isEqualTo(7);
        waitUntil(() -> link(robot, "#battle-redoes").isFocused());
        assertThat(link(robot, "#battle-redoes").getText()).isEqualTo("Redoes battle #" + failed + " (both bad)");

        // Enter goes back to the failed battle
        press(robot, KeyCode.ENTER);
        waitUntil(() -> title(robot).startsWith("Battle " + failed + " · "));
        assertThat(battles(robot).getSelectionModel().getSelectedItem().id()).isEqualTo(failed);

        // and a click to the redo again
        waitUntil(() -> robot.lookup("#battle-regenerated-as-7").tryQuery().isPresent());
        robot.clickOn("#battle-regenerated-as-7");
        WaitForAsyncUtils.waitForFxEvents();
        waitUntil(() -> title(robot).startsWith("Battle 7 · "));

        // a battle with no links shows none
        fx(() -> battles(robot).getSelectionModel().select(3));
        waitUntil(() -> title(robot).startsWith("Battle 4 · "));
        assertThat(robot.lookup("#battle-links").query().isVisible()).isFalse();
    }

    /** Ctrl+digit of the Arena area, then Ctrl+Tab twice: Answers, then Battles. */
    private static void openBattles(FxRobot robot) throws Exception {
        List<Area> areas = Area.registered();
        int index = 0;
        while (!areas.get(index).id().equals("arena")) {
            index++;
        }
        KeyCode digit = KeyCode.valueOf("DIGIT" + (index + 1));
        press(robot, KeyCode.CONTROL, digit);
        waitUntil(() -> robot.lookup("#arena-tabs").tryQuery().isPresent());
        fx(() -> robot.lookup("#dataset-table").query().requestFocus());
        press(robot, KeyCode.CONTROL, KeyCode.TAB);
        waitUntil(() -> "Answers"
                .equals(tabs(robot).getSelectionModel().getSelectedItem().getText()));
        press(robot, KeyCode.CONTROL, KeyCode.TAB);
        waitUntil(() -> "Battles"
                .equals(tabs(robot).getSelectionModel().getSelectedItem().getText()));
    }

    private static void press(FxRobot robot, KeyCode... keys) {
        robot.press(keys);
        for (int i = keys.length - 1; i >= 0; i--) {
            robot.release(keys[i]);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static TabPane tabs(FxRobot robot) {
        return robot.lookup("#arena-tabs").queryAs(TabPane.class);
    }

    @SuppressWarnings("unchecked")
    private static TableView<BattlesViewModel.Row> battles(FxRobot robot) {
        return robot.lookup("#battle-table").queryAs(TableView.class);
    }

    private static Hyperlink link(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Hyperlink.class);
    }

    private static TextArea area(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(TextArea.class);
    }

    private static String title(FxRobot robot) {
        Node n = robot.lookup("#battle-detail-title").query();
        return ((Label) n).getText();
    }
}
