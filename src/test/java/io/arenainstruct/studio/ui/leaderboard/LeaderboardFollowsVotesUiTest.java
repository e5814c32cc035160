package io.arenainstruct.studio.ui.leaderboard;

import static io.arenainstruct.studio.ui.UiHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
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

import io.arenainstruct.studio.domain.adjudication.HumanVote;
import io.arenainstruct.studio.domain.adjudication.OverrideReason;
import io.arenainstruct.studio.domain.adjudication.StoredVote;
import io.arenainstruct.studio.domain.arena.BattleStatus;
import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.ui.UiHarness;
import io.arenainstruct.studio.ui.arena.ArenaFixture;
import io.arenainstruct.studio.ui.common.ReadOnlyText;
import io.arenainstruct.studio.ui.shell.Area;

/**
 * Verdicts entered by keys in Arena → Adjudicate change the Leaderboard, on a real store.
 *
 * <p>Four battles m1 against m2. The judge found m1 better in both games of battles 1–3 and m2 in both games of
 * battle 4: with the default source (people's votes where a battle has any, else the judges' games) that is 8
 * observations, m1 winning 6. Bradley–Terry for two models has p = 6/8 = 3/4, so r1 − r2 = 400·log10(3) = 190.85;
 * centred on 1000, m1 1,095 and m2 905. Dana then votes m2 on battles 1–3 and m1 on battle 4 (each overriding the
 * judge, so each asks for a reason): 4 observations, m2 winning 3, the same figures the other way round. Last, while
 * the Leaderboard shows, Eve votes m2 on battle 4 from another thread: 5 observations, m2 winning 4,
 * r2 − r1 = 400·log10(4) = 240.82, m2 1,120 and m1 880, without F5.
 */
@ExtendWith(ApplicationExtension.class)
class LeaderboardFollowsVotesUiTest {
    @TempDir
    Path tmp;

    private UiHarness ui;
    private List<Long> ids;

    @Start
    void start(Stage stage) {
        ui = new UiHarness(tmp.resolve("store"), false);
        ArenaFixture plant = new ArenaFixture(ui.workspace);
        ids = plant.battles(4);
        for (int k = 0; k < 4; k++) {
            boolean m1 = k < 3;
            // game 2 shows m2 first: the judge writes about the order it saw
            plant.judged(
                    ids.get(k),
                    "judge-x",
                    m1 ? GradedLabel.A_BETTER : GradedLabel.B_BETTER,
                    m1 ? GradedLabel.B_BETTER : GradedLabel.A_BETTER,
                    m1 ? GradedLabel.A_BETTER : GradedLabel.B_BETTER,
                    BattleStatus.JUDGED,
                    false);
        }
        ui.show(stage);
        ui.context.preferences().annotator().set("Dana");
        ui.window.select("seeds");
    }

    @AfterEach
    void tearDown() {
        ui.close();
    }

    @Test
    void votesByKeysChangeTheRatingsShownAndAVoteWhileTheLeaderboardShowsIsComputedWithoutF5(FxRobot robot)
            throws Exception {
        open(robot, "leaderboard");
        waitUntil(() -> firstRow(robot).equals(List.of("m1", "1,095")));
        assertThat(secondRow(robot)).containsExactly("m2", "905");
        assertThat(label(robot, "#leaderboard-summary"))
                .startsWith("8 observations from 4 battles (people, else judges)");

        open(robot, "arena");
        TabPane tabs = robot.lookup("#arena-tabs").queryAs(TabPane.class);
        robot.clickOn("#arena-tab-adjudicate");
        waitUntil(() -> tabs.getSelectionModel().getSelectedItem().getText().equals("Adjudicate"));
        waitUntil(() -> robot.lookup("#adjudicate-battle").query().isFocused());
        vote(robot, 1, "m2");
        vote(robot, 2, "m2");
        vote(robot, 3, "m2");
        vote(robot, 4, "m1");

        open(robot, "leaderboard");
        waitUntil(() -> firstRow(robot).equals(List.of("m2", "1,095")));
        assertThat(secondRow(robot)).containsExactly("m1", "905");
        assertThat(label(robot, "#leaderboard-summary")).startsWith("4 observations from 4 battles");

        // another annotator's vote, stored off the FX thread while the Leaderboard shows
        CompletableFuture.runAsync(() -> ui.workspace
                        .adjudication()
                        .vote(HumanVote.shown(ids.get(3), "Eve", GradedLabel.B_BETTER, false, false)))
                .get(10, TimeUnit.SECONDS);
        waitUntil(() -> firstRow(robot).equals(List.of("m2", "1,120")));
        assertThat(secondRow(robot)).containsExactly("m1", "880");
        assertThat(label(robot, "#leaderboard-summary")).startsWith("5 observations from 4 battles");
    }

    /** Votes for {@code model} on the battle of "Prompt k", whichever side it is shown on, and gives a reason. */
    private void vote(FxRobot robot, int k, String model) throws Exception {
        waitUntil(() -> text(robot, "#adjudicate-instruction").equals("Prompt " + k));
        boolean leftIsM2 = text(robot, "#adjudicate-left").startsWith("m2 ");
        boolean left = leftIsM2 == model.equals("m2");
        press(robot, left ? KeyCode.DIGIT1 : KeyCode.DIGIT2);
        // each vote overrides the judge: the reason chooser asks why; F: a wrong fact
        waitUntil(() -> robot.lookup("#adjudicate-reason-box").query().isVisible());
        press(robot, KeyCode.F);
        waitUntil(() -> ui.workspace
                        .adjudication()
                        .myVote(ids.get(k - 1), "Dana")
                        .map(StoredVote::reason)
                        .orElse(null)
                == OverrideReason.WRONG_FACT);
    }

    /** Ctrl+digit of the area, as a person opens it (the tenth area is Ctrl+0). */
    private void open(FxRobot robot, String id) throws Exception {
        List<Area> areas = Area.registered();
        int index = 0;
        while (!areas.get(index).id().equals(id)) {
            index++;
        }
        press(robot, KeyCode.CONTROL, KeyCode.valueOf("DIGIT" + (index + 1) % 10));
        waitUntil(() -> id.equals(ui.window.currentAreaId()));
    }

    private static void press(FxRobot robot, KeyCode... keys) {
        robot.press(keys);
        for (int i = keys.length - 1; i >= 0; i--) {
            robot.release(keys[i]);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String text(FxRobot robot, String id) {
        return ((ReadOnlyText) robot.lookup(id).queryAs(TextArea.class).getParent()).getText();
    }

    private static String label(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private static List<String> firstRow(FxRobot robot) {
        return modelAndRating(robot, 0);
    }

    private static List<String> secondRow(FxRobot robot) {
        return modelAndRating(robot, 1);
    }

    /** The model and rating columns of a row of the table; empty while it has no such row. */
    private static List<String> modelAndRating(FxRobot robot, int index) {
        TableView<?> table = robot.lookup("#leaderboard-table").queryAs(TableView.class);
        List<String> out = new ArrayList<>();
        if (table == null || table.getItems().size() <= index) {
            return out;
        }
        for (TableColumn<?, ?> c : table.getColumns()) {
            if (c.getId().equals("leaderboard-column-model") || c.getId().equals("leaderboard-column-rating")) {
                out.add(String.valueOf(c.getCellObservableValue(index).getValue()));
            }
        }
        return out;
    }
}
