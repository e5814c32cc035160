package io.arenainstruct.studio.ui.arena;

import static io.arenainstruct.studio.ui.UiHarness.fx;
import static io.arenainstruct.studio.ui.UiHarness.waitUntil;
import static io.arenainstruct.studio.ui.arena.AnswersJudgeFixture.QUESTIONS;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import io.arenainstruct.studio.domain.arena.BattleFilter;
import io.arenainstruct.studio.domain.arena.BattleStatus;
import io.arenainstruct.studio.domain.run.RunStatus;
import io.arenainstruct.studio.service.llm.KeyResolver;
import io.arenainstruct.studio.service.run.RunFixture;
import io.arenainstruct.studio.service.task.BackgroundExecutor;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.testserver.FakeModelServer;
import io.arenainstruct.studio.ui.AppContext;
import io.arenainstruct.studio.ui.FakeDialogService;
import io.arenainstruct.studio.ui.Theme;
import io.arenainstruct.studio.ui.task.TaskMonitor;

/**
 * The Answers and Judge panes mounted alone in a test window on the Arena-Hard sample, driven from the keyboard
 * as a person would: Tab between fields, Space to tick, typing, Ctrl+Enter to start, Ctrl+P, Esc and Ctrl+R on
 * the job. Jobs run on the app's background threads against the in-test server.
 */
@ExtendWith(ApplicationExtension.class)
class AnswersJudgePanesUiTest {
    @TempDir
    Path tmp;

    private Stage stage;
    private FakeModelServer server;
    private Workspace ws;
    private BackgroundExecutor executor;
    private final FakeDialogService dialogs = new FakeDialogService();
    private Runnable closePane = () -> {};

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Theme.apply(false);
        Scene scene = new Scene(new StackPane(), 1200, 800);
        Theme.style(scene);
        stage.setScene(scene);
        stage.show();
    }

    @BeforeEach
    void open() {
        server = FakeModelServer.start().reply("The answers compare as follows. My final verdict is: [[A=B]]");
        KeyResolver keys = new KeyResolver(tmp.resolve("home/secrets.properties"), new HashMap<String, String>()::get);
        ws = Workspace.open(tmp.resolve("store"), keys, RunFixture.QUICK_RETRIES);
        AnswersJudgeFixture.importSample(ws);
        AnswersJudgeFixture.modelRow(ws, "test-model");
        AnswersJudgeFixture.endpoint(ws, "local", "test-model", server.openAiBaseUrl());
        AnswersJudgeFixture.endpoint(ws, "judge-2", "judge-2-model", server.openAiBaseUrl());
        AnswersJudgeFixture.endpoint(ws, "judge-3", "judge-3-model", server.openAiBaseUrl());
        executor = new BackgroundExecutor("test-worker");
    }

    @AfterEach
    void close() throws Exception {
        server.resumeReplies();
        fx(closePane);
        ws.close(); // cancels a job still running and waits for it
        executor.close();
        server.close();
    }

    private AppContext context() {
        return new AppContext(ws, executor.executor(), new TaskMonitor(executor.executor()), dialogs);
    }

    /** Shows the pane built on the FX thread in the window. */
    private void mount(Callable<Parent> pane) throws Exception {
        AtomicReference<Parent> built = new AtomicReference<>();
        fx(() -> {
            try {
                built.set(pane.call());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            stage.getScene().setRoot(built.get());
        });
        if (built.get() instanceof AnswersPane a) {
            closePane = a::close;
        } else if (built.get() instanceof JudgePane j) {
            closePane = j::close;
        }
    }

    private static String text(FxRobot robot, String query) throws Exception {
        return WaitForAsyncUtils.asyncFx(
                        () -> robot.lookup(query).queryAs(Label.class).getText())
                .get(5, TimeUnit.SECONDS);
    }

    private static boolean focused(FxRobot robot, String query) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> robot.lookup(query).query().isFocused())
                .get(5, TimeUnit.SECONDS);
    }

    private static void press(FxRobot robot, KeyCode... keys) {
        robot.press(keys);
        for (int i = keys.length - 1; i >= 0; i--) {
            robot.release(keys[i]);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The person clicks into the form: the focus is on the first endpoint's box. */
    private static void focusFirst(FxRobot robot, String query) throws Exception {
        waitUntil(() -> robot.lookup(query).tryQuery().isPresent());
        Node first = robot.lookup(query).query();
        fx(first::requestFocus);
        waitUntil(first::isFocused);
    }

    @Test
    void answersAreChosenByKeysEstimatedAndStartedWithCtrlEnter(FxRobot robot) throws Exception {
        mount(() -> new AnswersPane(context()));
        focusFirst(robot, "#answers-endpoint-local");
        waitUntil(() -> text(robot, "#answers-problems").equals("Tick at least one endpoint to answer with."));
        assertThat(robot.lookup("#answers-start").queryAs(Button.class).isDisabled())
                .isTrue();

        press(robot, KeyCode.SPACE);
        assertThat(robot.lookup("#answers-endpoint-local")
                        .queryAs(CheckBox.class)
                        .isSelected())
                .isTrue();
        waitUntil(() -> text(robot, "#answers-estimate").startsWith("40 answers: 40 instructions × 1 endpoint"));

        // local is the last endpoint (they are listed by name): Tab goes on to the instructions
        press(robot, KeyCode.TAB);
        assertThat(focused(robot, "#answers-source")).isTrue();
        press(robot, KeyCode.F4);
        press(robot, KeyCode.DOWN);
        press(robot, KeyCode.ENTER);
        waitUntil(() ->
                robot.lookup("#answers-source").queryAs(ComboBox.class).getValue() == AnswersViewModel.Source.DATASET);
        waitUntil(() -> text(robot, "#answers-problems").equals("Choose the dataset whose instructions are answered."));
        press(robot, KeyCode.TAB);
        robot.write("no-such-set");
        waitUntil(() -> List.of(
                        "No instructions match dataset:no-such-set.",
                        "There is no dataset no-such-set (datasets: arena-hard-v0.1).")
                .contains(text(robot, "#answers-problems")));
        for (int i = 0; i < "no-such-set".length(); i++) {
            press(robot, KeyCode.BACK_SPACE);
        }
        robot.write("arena-hard-v0.1");
        waitUntil(() -> text(robot, "#answers-estimate")
                .matches("40 answers: 40 instructions × 1 endpoint, 1 each; 0 held already\\. 40 calls, about"
                        + " [\\d,]+ tokens in and 24,000 out; no price set"));
        waitUntil(() -> !robot.lookup("#answers-start").queryAs(Button.class).isDisabled());

        press(robot, KeyCode.CONTROL, KeyCode.ENTER);
        waitUntil(() -> text(robot, "#answers-job-status").equals("Status: completed"));
        assertThat(text(robot, "#answers-job-title")).isEqualTo("Answering job 1");
        waitUntil(() -> text(robot, "#answers-job-stages").equals("answer: 40 / 40"));
        assertThat(server.chatRequests()).hasSize(QUESTIONS);
        // the form knows now that every instruction is answered
        waitUntil(() -> text(robot, "#answers-estimate").contains("40 held already. 0 calls, nothing to ask"));
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void aJuryIsChosenByKeysStartedPausedCancelledAndResumed(FxRobot robot) throws Exception {
        assertThat(AnswersJudgeFixture.baselineBattles(ws)).isEqualTo(QUESTIONS);
        mount(() -> new JudgePane(context()));
        // the endpoints are listed by name: judge-2, judge-3, local
        focusFirst(robot, "#judge-endpoint-judge-2");
        waitUntil(() -> text(robot, "#judge-prompt-info").startsWith("Graded judge (graded, version 1)"));

        press(robot, KeyCode.SPACE);
        waitUntil(() -> text(robot, "#judge-estimate")
                .startsWith("80 games: 40 battles × 1 judge × 2 games (positions swapped); 0 played already. 80"
                        + " calls, "));
        assertThat(robot.lookup("#judge-pool").queryAs(ComboBox.class).isDisabled())
                .as("one judge pools nothing")
                .isTrue();
        press(robot, KeyCode.TAB);
        press(robot, KeyCode.SPACE);
        press(robot, KeyCode.TAB);
        press(robot, KeyCode.SPACE);
        waitUntil(() -> text(robot, "#judge-estimate")
                .startsWith("240 games: 40 battles × 3 judges (a jury, majority vote) × 2 games (positions"
                        + " swapped); 0 played already. 240 calls, "));
        // past the prompt and the pool to the games: one game each
        press(robot, KeyCode.TAB);
        assertThat(focused(robot, "#judge-prompt")).isTrue();
        press(robot, KeyCode.TAB);
        assertThat(focused(robot, "#judge-pool")).isTrue();
        press(robot, KeyCode.TAB);
        assertThat(focused(robot, "#judge-games")).isTrue();
        press(robot, KeyCode.SPACE);
        waitUntil(() -> text(robot, "#judge-estimate")
                .startsWith("120 games: 40 battles × 3 judges (a jury, majority vote) × 1 game; 0 played already."
                        + " 120 calls, "));

        server.pauseReplies();
        press(robot, KeyCode.CONTROL, KeyCode.ENTER);
        waitUntil(() -> text(robot, "#judge-job-title").equals("Judging job 1"));
        waitUntil(() -> !robot.lookup("#judge-pause").queryAs(Button.class).isDisabled());
        press(robot, KeyCode.CONTROL, KeyCode.P);
        waitUntil(() -> text(robot, "#judge-job-status").equals("Status: paused"));
        assertThat(robot.lookup("#judge-pause").queryAs(Button.class).getText()).isEqualTo("Go on");
        press(robot, KeyCode.ESCAPE);
        server.resumeReplies();
        waitUntil(() -> text(robot, "#judge-job-status").equals("Status: cancelled"));
        assertThat(ws.arena().list().get(0).status()).isEqualTo(RunStatus.CANCELLED);

        waitUntil(() -> !robot.lookup("#judge-resume").queryAs(Button.class).isDisabled());
        press(robot, KeyCode.CONTROL, KeyCode.R);
        waitUntil(() -> text(robot, "#judge-job-status").equals("Status: completed"));
        waitUntil(() -> text(robot, "#judge-job-stages").equals("judge: 120 / 120\nverdict: 40 / 40"));
        assertThat(ws.battles().count(new BattleFilter(BattleStatus.UNJUDGED, null, null, null)))
                .isZero();
        assertThat(dialogs.errors).isEmpty();
    }
}
