package io.arenainstruct.studio.ui.leaderboard;

import static io.arenainstruct.studio.ui.UiHarness.fx;
import static io.arenainstruct.studio.ui.UiHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javafx.scene.control.TabPane;
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
import io.arenainstruct.studio.domain.arena.Outcome;
import io.arenainstruct.studio.ui.LayoutProbe;
import io.arenainstruct.studio.ui.UiHarness;
import io.arenainstruct.studio.ui.arena.ArenaFixture;
import io.arenainstruct.studio.ui.leaderboard.LeaderboardViewModel.State;

/**
 * The Leaderboard in the real shell at the smallest window (1024x700), over a real store's ratings of four models
 * with style control on and a target chosen: on every tab, no label, heading or button is cut short or out of reach.
 */
@ExtendWith(ApplicationExtension.class)
class LeaderboardLayoutUiTest {
    private static final List<String> MODELS =
            List.of("gpt-4-0314", "claude-3-5-sonnet-20241022", "llama-3.1-70b-instruct", "qwen2.5-72b-instruct");

    @TempDir
    Path tmp;

    private UiHarness ui;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        ui = new UiHarness(tmp.resolve("store"), false);
        ArenaFixture plant = new ArenaFixture(ui.workspace);
        // every pair meets three times; the earlier model in the list wins twice and loses once
        int k = 0;
        for (int i = 0; i < MODELS.size(); i++) {
            for (int j = i + 1; j < MODELS.size(); j++) {
                for (int n = 0; n < 3; n++) {
                    String a = MODELS.get(i);
                    String b = MODELS.get(j);
                    long battle = plant.battle(
                            "Prompt " + ++k,
                            a,
                            "## Answer\n\n- " + a + " answers **" + k + "**",
                            b,
                            b + " answers " + k);
                    plant.human(battle, "ann", n < 2 ? Outcome.A : Outcome.B, BattleStatus.ADJUDICATED);
                }
            }
        }
        ui.show(stage);
        stage.setWidth(1024);
        stage.setHeight(700);
        ui.window.select("leaderboard");
    }

    @AfterEach
    void tearDown() {
        ui.close();
    }

    @Test
    void everyTabFitsTheSmallestWindow(FxRobot robot) throws Exception {
        waitUntil(() -> stage.getScene().getWidth() == 1024 && stage.getScene().getHeight() == 700);
        LeaderboardViewModel model =
                ((LeaderboardView) ui.window.view("leaderboard").orElseThrow()).model();
        fx(() -> model.styleControl().set(true));
        fx(() -> model.target().set(MODELS.get(0)));
        waitUntil(() -> model.state().get() == State.READY
                && !model.computing().get()
                && model.leaderboard().get().options().target() != null);
        assertThat(model.leaderboard().get().ratings()).hasSize(4);
        assertThat(model.leaderboard().get().style()).hasSize(4);
        // the choice is remembered for the next session
        assertThat(ui.context.preferences().leaderboardStyleControl().get()).isTrue();
        TabPane tabs = robot.lookup("#leaderboard-tabs").queryAs(TabPane.class);
        List<String> problems = new ArrayList<>();
        for (int t = 0; t < tabs.getTabs().size(); t++) {
            int tab = t;
            fx(() -> tabs.getSelectionModel().select(tab));
            WaitForAsyncUtils.waitForFxEvents();
            List<String> found = WaitForAsyncUtils.asyncFx(() -> LayoutProbe.problems(stage.getScene()))
                    .get();
            found.forEach(p -> problems.add(tabs.getTabs().get(tab).getText() + ": " + p));
        }
        assertThat(problems).isEmpty();
    }
}
