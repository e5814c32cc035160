package io.arenainstruct.studio.ui;

import static io.arenainstruct.studio.ui.UiHarness.fx;
import static io.arenainstruct.studio.ui.UiHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.text.Text;
import javafx.stage.Screen;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import io.arenainstruct.studio.ui.common.FxDialogService;
import io.arenainstruct.studio.ui.shell.Area;

@ExtendWith(ApplicationExtension.class)
class ShellTest {
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
    void anAreasNoticeDoesNotFollowTheCuratorToAnotherArea(FxRobot robot) throws Exception {
        fx(() -> ui.window.setNotice("Tags saved"));
        assertThat(robot.lookup("#status-notice").queryAs(Label.class).getText())
                .isEqualTo("Tags saved");
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);
        waitUntil(() -> "taxonomies".equals(ui.window.currentAreaId()));
        assertThat(robot.lookup("#status-notice").queryAs(Label.class).getText())
                .isEmpty();
    }

    @Test
    void f1ListsEveryShortcutInABoxThatShowsThemWhole(FxRobot robot) throws Exception {
        robot.type(KeyCode.F1);
        waitUntil(() -> !ui.dialogs.infos.isEmpty());
        String shown = ui.dialogs.infos.get(0);
        assertThat(shown)
                .startsWith("Keyboard shortcuts: ")
                .contains(
                        "Ctrl+8  Instructions",
                        "Ctrl+0  Leaderboard",
                        "Ctrl+E  Export",
                        "Ctrl+G  Loop",
                        "Ctrl+Shift+N next iteration",
                        "Ctrl+Z undo the last acceptance",
                        "F2 rename",
                        "the arrow keys move between its cells");
        String message = shown.substring("Keyboard shortcuts: ".length());

        AtomicReference<Stage> box = new AtomicReference<>();
        AtomicReference<Region> text = new AtomicReference<>();
        fx(() -> {
            Region content = FxDialogService.longText(message);
            Stage s = new Stage();
            s.setScene(new Scene(new StackPane(content)));
            s.sizeToScene();
            s.show();
            text.set(content);
            box.set(s);
        });
        try {
            // Lines unbroken, no ellipsis; the box is as tall as the text or, on a short screen, scrolls so the
            // dialog keeps its button in sight.
            waitUntil(() -> text.get().getHeight() > 0);
            Label label = robot.from(text.get()).lookup(".dialog-text").queryAs(Label.class);
            Text shownText = robot.from(label).lookup(".text").queryAs(Text.class);
            assertThat(shownText.getText().strip()).isEqualTo(message.strip());
            fx(() -> {
                assertThat(label.getWidth()).isGreaterThanOrEqualTo(label.prefWidth(-1) - 0.5);
                double room = Screen.getPrimary().getVisualBounds().getHeight() - 220;
                assertThat(text.get().getHeight()).isLessThanOrEqualTo(Math.max(200, room) + 4);
                if (label.prefHeight(-1) <= room) {
                    assertThat(text.get().getHeight()).isGreaterThanOrEqualTo(label.prefHeight(-1));
                }
            });
        } finally {
            fx(() -> box.get().close());
        }
    }

    @Test
    void theSidebarListsTheRegisteredAreasAndCtrlDigitsSwitchBetweenThem(FxRobot robot) throws Exception {
        @SuppressWarnings("unchecked")
        ListView<Area> sidebar = robot.lookup("#sidebar").queryAs(ListView.class);
        assertThat(sidebar.getItems())
                .extracting(Area::title)
                .containsExactly(
                        "Seeds",
                        "Taxonomies",
                        "Endpoints",
                        "Call ledger",
                        "Agents & Prompts",
                        "Runs",
                        "Refinement",
                        "Instructions",
                        "Arena",
                        "Leaderboard",
                        "Export",
                        "Loop");
        assertThat(robot.lookup("#seeds-area").tryQuery()).isPresent();

        robot.press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);
        waitUntil(() -> "taxonomies".equals(ui.window.currentAreaId())
                && robot.lookup("#taxonomy-area").tryQuery().isPresent());
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT1).release(KeyCode.DIGIT1, KeyCode.CONTROL);
        waitUntil(() -> "seeds".equals(ui.window.currentAreaId()));
        // the tenth area takes Ctrl+0
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT0).release(KeyCode.DIGIT0, KeyCode.CONTROL);
        waitUntil(() -> "leaderboard".equals(ui.window.currentAreaId())
                && robot.lookup("#leaderboard-area").tryQuery().isPresent());
        // the eleventh names its own: Ctrl+E
        robot.press(KeyCode.CONTROL, KeyCode.E).release(KeyCode.E, KeyCode.CONTROL);
        waitUntil(() -> "export".equals(ui.window.currentAreaId())
                && robot.lookup("#export-area").tryQuery().isPresent());
        // the twelfth too: Ctrl+G
        robot.press(KeyCode.CONTROL, KeyCode.G).release(KeyCode.G, KeyCode.CONTROL);
        waitUntil(() -> "loop".equals(ui.window.currentAreaId())
                && robot.lookup("#loop-area").tryQuery().isPresent());
    }

    @Test
    void theStatusBarShowsTheStorePath(FxRobot robot) {
        assertThat(robot.lookup("#store-path").queryAs(Label.class).getText())
                .isEqualTo("Store: " + ui.workspace.directory());
    }

    @Test
    void aRunningTaskShowsProgressInTheStatusBarAndItsCancelStopsIt(FxRobot robot) throws Exception {
        AtomicReference<String> result = new AtomicReference<>();
        fx(() -> ui.tasks.run(
                "Slow work",
                (progress, cancel) -> {
                    progress.progress(3, 10, "step 3 of 10");
                    while (!cancel.isCancelled()) {
                        LockSupport.parkNanos(1_000_000);
                    }
                    return "stopped at 3";
                },
                result::set,
                e -> result.set("failed: " + e)));

        waitUntil(() ->
                robot.lookup("#running-tasks").queryAs(HBox.class).getChildren().size() == 1);
        waitUntil(() -> robot.lookup("#running-tasks .task-label")
                .queryAs(Label.class)
                .getText()
                .equals("Slow work: step 3 of 10"));
        robot.clickOn(robot.lookup("#running-tasks .button").queryAs(Button.class));
        waitUntil(() -> "stopped at 3".equals(result.get()));
        waitUntil(() ->
                robot.lookup("#running-tasks").queryAs(HBox.class).getChildren().isEmpty());
    }
}
