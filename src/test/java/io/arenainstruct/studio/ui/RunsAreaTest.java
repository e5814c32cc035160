package io.arenainstruct.studio.ui;

import static io.arenainstruct.studio.ui.UiHarness.fx;
import static io.arenainstruct.studio.ui.UiHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import io.arenainstruct.studio.cli.CliRun;
import io.arenainstruct.studio.domain.Seed;
import io.arenainstruct.studio.domain.run.InstructionFilter;
import io.arenainstruct.studio.domain.run.RunConfig;
import io.arenainstruct.studio.domain.run.RunOrigin;
import io.arenainstruct.studio.domain.run.RunStatus;
import io.arenainstruct.studio.domain.run.RunSummary;
import io.arenainstruct.studio.domain.run.SeedSelection;
import io.arenainstruct.studio.service.llm.KeyResolver;
import io.arenainstruct.studio.service.run.RunFixture;
import io.arenainstruct.studio.testserver.FakeModelServer;
import io.arenainstruct.studio.testserver.SchemaReplies;
import io.arenainstruct.studio.ui.runs.RunFormModel;
import io.arenainstruct.studio.ui.runs.RunsViewModel;
import io.arenainstruct.studio.ui.shell.Area;

/** The Runs area driving real runs of the fixture skill against a {@link FakeModelServer}. */
@ExtendWith(ApplicationExtension.class)
class RunsAreaTest {
    @TempDir
    Path tmp;

    private FakeModelServer server;
    private UiHarness ui;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        server = FakeModelServer.start().replyWith(SchemaReplies.fill());
        ui = harness();
        RunFixture.install(ui.workspace, server.openAiBaseUrl(), 3, 4);
        ui.show(stage);
        ui.window.select("seeds");
    }

    private UiHarness harness() {
        KeyResolver keys = new KeyResolver(tmp.resolve("home/secrets.properties"), new HashMap<String, String>()::get);
        return new UiHarness(tmp.resolve("store"), false, keys, EndpointsAreaTest.QUICK);
    }

    @AfterEach
    void tearDown() {
        server.resumeReplies();
        server.latency(Duration.ZERO);
        ui.close();
        server.close();
    }

    /** Opens the Runs area with its Ctrl+digit shortcut (its place among the registered areas). */
    static void openWithShortcut(FxRobot robot, String areaId) {
        List<Area> areas = Area.registered();
        int index = 0;
        while (!areas.get(index).id().equals(areaId)) {
            index++;
        }
        // an area past the tenth names its own Ctrl+letter (Export: Ctrl+E)
        KeyCode key = areas.get(index).shortcut() instanceof KeyCodeCombination own
                ? own.getCode()
                : KeyCode.valueOf("DIGIT" + (index + 1) % 10);
        robot.press(KeyCode.CONTROL, key).release(key, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void fillForm(FxRobot robot, int perSeed) throws Exception {
        waitUntil(
                () -> skills(robot).getItems().stream().anyMatch(c -> c.skill().equals(RunFixture.SKILL)));
        fx(() -> skills(robot).getItems().stream()
                .filter(c -> c.skill().equals(RunFixture.SKILL))
                .forEach(c -> c.chosen().set(true)));
        robot.clickOn("#run-seeds-all");
        fx(() -> endpoint(robot).setValue("local"));
        fx(() -> perSeed(robot).getValueFactory().setValue(perSeed));
    }

    @Test
    void aRunStartedFromTheFormShowsItsEstimateAndRunsToCompletionWithStageCounts(FxRobot robot) throws Exception {
        openWithShortcut(robot, "runs");
        assertThat(ui.window.currentAreaId()).isEqualTo("runs");
        fillForm(robot, 2);
        // 3 seeds x (1 transformation + 2 instructions x (1 generation + 2 rounds x 2 + 1 answer))
        waitUntil(() -> text(robot, "#run-estimate").contains("about 39 calls"));
        assertThat(text(robot, "#run-estimate"))
                .startsWith("3 seeds → 3 passages → 6 instructions; about 39 calls,")
                .endsWith("no price set");
        assertThat(text(robot, "#run-problems")).isEmpty();
        waitUntil(() -> !button(robot, "#run-start").isDisabled());

        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        waitLong(() -> text(robot, "#run-status").equals("Status: completed"));
        assertThat(text(robot, "#run-title")).isEqualTo("Run 1");
        waitUntil(() -> text(robot, "#stage-answer-count").equals("6 / 6"));
        assertThat(text(robot, "#stage-transformation-count")).isEqualTo("3 / 3");
        assertThat(text(robot, "#stage-generation-count")).isEqualTo("6 / 6");
        assertThat(text(robot, "#stage-refinement-count")).isEqualTo("12 / 12");
        assertThat(text(robot, "#stage-generation-failed")).isEmpty();
        assertThat(text(robot, "#run-stats")).startsWith("39 calls, 0 cache hits,");
        assertThat(server.chatRequests()).hasSize(39);
        waitUntil(() -> runs(robot).getItems().size() == 1
                && runs(robot).getItems().get(0).status() == RunStatus.COMPLETED
                && runs(robot).getItems().get(0).complete() == 6);
        assertThat(ui.workspace.runs().find(1).orElseThrow().status()).isEqualTo(RunStatus.COMPLETED);

        // Ctrl+N shows the form again, with the same choices.
        robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
        waitUntil(() -> robot.lookup("#run-form").query().isVisible());
    }

    @Test
    void theStatusBarNamesTheRunAtWorkAndCountsCallsAsTheEstimateDoes(FxRobot robot) throws Exception {
        server.latency(Duration.ofMillis(60));
        openWithShortcut(robot, "runs");
        fillForm(robot, 2);
        waitUntil(() -> text(robot, "#run-estimate").contains("about 39 calls"));
        waitUntil(() -> !button(robot, "#run-start").isDisabled());
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        // While it runs, the bar says which run and how many of the estimate's calls are done.
        waitUntil(() -> taskLabel(robot).matches("Run 1: [1-9]\\d* of 39 calls"));
        assertThat(taskLabel(robot)).doesNotContain("Starting").doesNotContain("steps");
        robot.press(KeyCode.CONTROL, KeyCode.P).release(KeyCode.P, KeyCode.CONTROL);
        waitUntil(() -> taskLabel(robot).matches("Run 1: paused at \\d+ of 39 calls"));
        robot.press(KeyCode.CONTROL, KeyCode.P).release(KeyCode.P, KeyCode.CONTROL);
        server.latency(Duration.ZERO);
        waitLong(() -> text(robot, "#run-status").equals("Status: completed"));
    }

    private static String taskLabel(FxRobot robot) {
        return robot.lookup(".task-label")
                .tryQuery()
                .map(n -> ((Label) n).getText())
                .orElse("");
    }

    @Test
    void startingARunThatRepeatsACompletedOneAsksFirst(FxRobot robot) throws Exception {
        RunConfig config = RunConfig.of(List.of(RunFixture.SKILL), SeedSelection.all(), "local")
                .withPerSeed(2);
        assertThat(ui.workspace.runs().start(config).run()).isEqualTo(RunStatus.COMPLETED);
        int sent = server.chatRequests().size();
        openWithShortcut(robot, "runs");
        fillForm(robot, 2);
        waitUntil(() -> text(robot, "#run-estimate")
                .contains("about 39 calls (all answered by the call ledger: this repeats run 1)"));
        waitUntil(() -> !button(robot, "#run-start").isDisabled());

        ui.dialogs.confirmAnswer = false;
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        waitUntil(() -> ui.dialogs.confirms.size() == 1);
        assertThat(ui.dialogs.confirms.get(0)).startsWith("Repeat run 1?: This run repeats run 1:");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(ui.workspace.runs().list()).as("declined: nothing started").hasSize(1);

        ui.dialogs.confirmAnswer = true;
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        waitLong(() -> text(robot, "#run-title").equals("Run 2")
                && text(robot, "#run-status").equals("Status: completed"));
        assertThat(ui.dialogs.confirms).hasSize(2);
        assertThat(server.chatRequests()).hasSize(sent);

        // Asking the models again is no repeat: no question.
        robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
        robot.clickOn("#run-fresh");
        waitUntil(() -> !text(robot, "#run-estimate").isEmpty()
                && !text(robot, "#run-estimate").contains("ledger")
                && !button(robot, "#run-start").isDisabled());
    }

    @Test
    void seedsAreTakenByPickingInTheSeedsAreaOrATagFromTheList(FxRobot robot) throws Exception {
        // The Seeds area's selection: two seeds, then Run on these… (Ctrl+R).
        waitUntil(() -> seedTable(robot).getItems().size() == 3);
        robot.clickOn("seed-0.txt");
        robot.press(KeyCode.SHIFT, KeyCode.DOWN).release(KeyCode.DOWN, KeyCode.SHIFT);
        robot.press(KeyCode.CONTROL, KeyCode.R).release(KeyCode.R, KeyCode.CONTROL);
        waitUntil(() -> "runs".equals(ui.window.currentAreaId()));
        waitUntil(() -> text(robot, "#run-seed-choice").equals("2 seeds: seed-0.txt, seed-1.txt"));
        assertThat(robot.lookup("#run-seeds-ids").queryAs(RadioButton.class).isSelected())
                .isTrue();
        waitUntil(() -> skills(robot).getItems().size() > 0);
        fx(() -> skills(robot).getItems().stream()
                .filter(c -> c.skill().equals(RunFixture.SKILL))
                .forEach(c -> c.chosen().set(true)));
        fx(() -> endpoint(robot).setValue("local"));
        waitUntil(() -> text(robot, "#run-estimate").startsWith("2 seeds → "));

        // A tag from the drop-down of the tags seeds have.
        robot.clickOn("#run-seed-tag");
        robot.press(KeyCode.DOWN).release(KeyCode.DOWN).press(KeyCode.ENTER).release(KeyCode.ENTER);
        waitUntil(() -> "fixture"
                .equals(robot.lookup("#run-seed-tag").queryAs(ComboBox.class).getValue()));
        assertThat(robot.lookup("#run-seeds-tag").queryAs(RadioButton.class).isSelected())
                .isTrue();
        waitUntil(() -> text(robot, "#run-estimate").startsWith("3 seeds → "));
        // Choose in Seeds… goes back to pick others.
        robot.clickOn("#run-seeds-choose");
        waitUntil(() -> "seeds".equals(ui.window.currentAreaId()));
    }

    @Test
    void skillsAreShownByNameWithTheirIdOnHover(FxRobot robot) throws Exception {
        RunConfig config = RunConfig.of(List.of(RunFixture.SKILL), SeedSelection.all(), "local");
        assertThat(ui.workspace.runs().start(config).run()).isEqualTo(RunStatus.COMPLETED);
        openWithShortcut(robot, "runs");
        waitUntil(
                () -> skills(robot).getItems().stream().anyMatch(c -> c.skill().equals(RunFixture.SKILL)));
        List<String> shown = robot.lookup("#run-skills .list-cell").queryAll().stream()
                .map(n -> ((ListCell<?>) n))
                .filter(c -> c.getItem() != null)
                .map(c -> c.getText() + " | " + c.getTooltip().getText())
                .toList();
        assertThat(shown)
                .contains("Analytical Reasoning | Skill id: analytical-reasoning")
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).matches("[A-Z][^|]* \\| Skill id: [a-z-]+"));
        waitUntil(() -> runs(robot).getItems().size() == 1);
        ListCell<?> runCell = robot.lookup("#runs-list .list-cell").queryAll().stream()
                .map(n -> (ListCell<?>) n)
                .filter(c -> c.getItem() != null)
                .findFirst()
                .orElseThrow();
        assertThat(runCell.getText()).contains("Test skill").doesNotContain("test-skill");
        assertThat(runCell.getTooltip().getText()).contains("Skill ids: test-skill");
        robot.clickOn(runCell);
        waitUntil(() -> text(robot, "#run-summary").startsWith("Test skill · seeds all"));
    }

    @SuppressWarnings("unchecked")
    private static TableView<Seed> seedTable(FxRobot robot) {
        return robot.lookup("#seed-table").queryAs(TableView.class);
    }

    @Test
    void aCancelledRunKeepsWhatFinishedAndResumesToCompletion(FxRobot robot) throws Exception {
        server.latency(Duration.ofMillis(150));
        openWithShortcut(robot, "runs");
        fillForm(robot, 2);
        waitUntil(() -> !button(robot, "#run-start").isDisabled());
        robot.clickOn("#run-start");
        waitUntil(() -> text(robot, "#run-status").equals("Status: running")
                && !button(robot, "#run-cancel").isDisabled());
        server.awaitInFlight(1, Duration.ofSeconds(10));
        robot.clickOn("#run-cancel");
        waitLong(() -> text(robot, "#run-status").equals("Status: cancelled"));
        assertThat(ui.workspace.runs().find(1).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
        int sentBeforeResume = server.chatRequests().size();
        assertThat(sentBeforeResume).isLessThan(39);
        waitUntil(() -> !button(robot, "#run-resume").isDisabled());

        server.latency(Duration.ZERO);
        robot.press(KeyCode.CONTROL, KeyCode.R).release(KeyCode.R, KeyCode.CONTROL);
        waitLong(() -> text(robot, "#run-status").equals("Status: completed"));
        assertThat(ui.workspace.runs().find(1).orElseThrow().complete()).isEqualTo(6);
        assertThat(ui.workspace.instructions().count(InstructionFilter.ofRun(1)))
                .isEqualTo(6);
    }

    @Test
    void aRunInterruptedByClosingTheAppIsOfferedForResumeAndCompletes(FxRobot robot) throws Exception {
        RunConfig config = RunConfig.of(List.of(RunFixture.SKILL), SeedSelection.all(), "local")
                .withPerSeed(2);
        long runId = ui.workspace.runs().start(config).runId();
        // The app closes while the run is marked running; opening the store again finds it interrupted.
        ui.close();
        ui = harness();
        // The offer made as the app opens is declined: the Runs area keeps it.
        ui.dialogs.confirmAnswer = false;
        fx(() -> ui.show(stage));
        fx(() -> ui.window.select("seeds"));
        waitUntil(() -> ui.dialogs.confirms.size() == 1);
        openWithShortcut(robot, "runs");
        waitUntil(() -> robot.lookup("#runs-notice").query().isVisible());
        assertThat(text(robot, "#runs-notice-text"))
                .isEqualTo("Run " + runId + " was interrupted (the app closed while it ran). Resume it?");
        robot.clickOn("#runs-notice-resume");
        waitLong(() -> text(robot, "#run-status").equals("Status: completed"));
        assertThat(text(robot, "#run-title")).isEqualTo("Run " + runId);
        assertThat(robot.lookup("#runs-notice").query().isVisible()).isFalse();
        assertThat(ui.workspace.runs().find(runId).orElseThrow().complete()).isEqualTo(6);
    }

    @Test
    void runsInterruptedAreOfferedForResumeAsTheAppOpensWhicheverAreaIsShown(FxRobot robot) throws Exception {
        RunConfig config = RunConfig.of(List.of(RunFixture.SKILL), SeedSelection.all(), "local")
                .withPerSeed(2);
        long runId = ui.workspace.runs().start(config).runId();
        ui.close();
        ui = harness();
        fx(() -> ui.show(stage));
        // Accepted in the dialog over the Seeds area: the run resumes and the Runs area shows it.
        waitUntil(() -> ui.dialogs.confirms.size() == 1);
        assertThat(ui.dialogs.confirms.get(0))
                .isEqualTo("Interrupted runs: Run " + runId
                        + " was interrupted (the app closed while it ran). Resume it?");
        waitLong(() -> "runs".equals(ui.window.currentAreaId())
                && text(robot, "#run-status").equals("Status: completed"));
        assertThat(text(robot, "#run-title")).isEqualTo("Run " + runId);
        assertThat(robot.lookup("#runs-notice").query().isVisible()).isFalse();
        assertThat(ui.workspace.runs().find(runId).orElseThrow().complete()).isEqualTo(6);
    }

    @Test
    void aRunWhoseCommandLineProcessWasKilledDoesNotSayTheAppClosed(FxRobot robot) throws Exception {
        RunConfig config = RunConfig.of(List.of(RunFixture.SKILL), SeedSelection.all(), "local");
        ui.workspace.runs().ranBy(RunOrigin.COMMAND_LINE);
        long runId = ui.workspace.runs().start(config).runId();
        ui.close();
        ui = harness();
        ui.dialogs.confirmAnswer = false;
        fx(() -> ui.show(stage));
        waitUntil(() -> ui.dialogs.confirms.size() == 1);
        String offer =
                "Run " + runId + " was interrupted (the command-line process running it was stopped)." + " Resume it?";
        assertThat(ui.dialogs.confirms.get(0)).isEqualTo("Interrupted runs: " + offer);
        openWithShortcut(robot, "runs");
        waitUntil(() -> text(robot, "#runs-notice-text").equals(offer));
    }

    @Test
    void aRunFoundInterruptedByACommandThatOpenedTheStoreFirstIsStillOfferedOnceByTheApp(FxRobot robot)
            throws Exception {
        long runId = ui.workspace
                .runs()
                .start(RunConfig.of(List.of(RunFixture.SKILL), SeedSelection.all(), "local"))
                .runId();
        ui.close();
        // "runs list" opens the store first: it marks the run interrupted, so it is not "interrupted at this open".
        assertThat(CliRun.on(ui.storeDir, "runs", "list").out()).contains("run " + runId + ": interrupted");
        ui = harness();
        ui.dialogs.confirmAnswer = false;
        fx(() -> ui.show(stage));
        waitUntil(() -> ui.dialogs.confirms.size() == 1);
        assertThat(ui.dialogs.confirms.get(0)).startsWith("Interrupted runs: Run " + runId + " was interrupted");

        // Declined once: the next opening does not ask again (the Runs area still says so).
        ui.close();
        ui = harness();
        fx(() -> ui.show(stage));
        openWithShortcut(robot, "runs");
        waitUntil(() -> text(robot, "#runs-notice-text").startsWith("Run " + runId + " was interrupted"));
        assertThat(ui.dialogs.confirms).isEmpty();
    }

    @Test
    void failedItemsSayWhyAndAreRetriedFromTheList(FxRobot robot) throws Exception {
        // Nothing about seed 1 comes back as JSON, not even the repair: its transformation fails.
        server.replyWith(r -> r.body().contains("Seed number 1 ")
                ? "this is not JSON"
                : SchemaReplies.fill().apply(r));
        RunConfig config = RunConfig.of(List.of(RunFixture.SKILL), SeedSelection.all(), "local")
                .withPerSeed(1);
        assertThat(ui.workspace.runs().start(config).run()).isEqualTo(RunStatus.INCOMPLETE);

        openWithShortcut(robot, "runs");
        waitUntil(() -> runs(robot).getItems().size() == 1);
        fx(() -> runs(robot).getSelectionModel().select(0));
        waitUntil(() -> failures(robot).getItems().size() == 1);
        assertThat(failures(robot).getItems().get(0).text())
                .startsWith("Seed ")
                .contains("could not be transformed")
                .contains("schema mismatch");
        assertThat(text(robot, "#run-failure-reasons"))
                .startsWith("1 failed at transformation: The reply did not match the requested JSON schema");

        // The server is fixed; Retry with nothing selected retries every failed item.
        server.replyWith(SchemaReplies.fill());
        robot.clickOn("#run-retry");
        waitLong(() -> text(robot, "#run-status").equals("Status: completed"));
        waitUntil(() -> failures(robot).getItems().isEmpty()
                && text(robot, "#run-failure-reasons").isEmpty());
        assertThat(robot.lookup("#run-failure-reasons").query().isVisible()).isFalse();
        assertThat(ui.workspace.runs().find(1).orElseThrow().complete()).isEqualTo(3);
    }

    @Test
    void aFormThatCannotRunListsItsProblemsAndStartStaysDisabled(FxRobot robot) throws Exception {
        openWithShortcut(robot, "runs");
        fillForm(robot, 1);
        waitUntil(() -> !button(robot, "#run-start").isDisabled());
        fx(() -> endpoint(robot).setValue(null));
        waitUntil(() -> text(robot, "#run-problems").contains("Choose the endpoint the run asks"));
        assertThat(button(robot, "#run-start").isDisabled()).isTrue();
        assertThat(text(robot, "#run-estimate")).isEmpty();

        // A problem only the run service sees: a chosen seed deleted since.
        fx(() -> endpoint(robot).setValue("local"));
        fx(() -> ui.context.navigation().open("runs", SeedSelection.ids(List.of(1L, 999L))));
        waitUntil(() -> text(robot, "#run-problems").equals("There is no seed 999."));
        assertThat(button(robot, "#run-start").isDisabled()).isTrue();
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(ui.workspace.runs().list()).isEmpty();

        fx(() -> ui.context.navigation().open("runs", SeedSelection.ids(List.of(1L, 3L))));
        waitUntil(() -> text(robot, "#run-problems").isEmpty()
                && !button(robot, "#run-start").isDisabled());
        assertThat(text(robot, "#run-estimate")).startsWith("2 seeds → 2 passages → 2 instructions;");
    }

    /** Runs take a few seconds on two shared cores: up to 60 s. */
    private static void waitLong(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            try {
                return WaitForAsyncUtils.asyncFx(condition).get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                return false;
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static ListView<RunFormModel.SkillChoice> skills(FxRobot robot) {
        return robot.lookup("#run-skills").queryAs(ListView.class);
    }

    @SuppressWarnings("unchecked")
    private static ListView<RunsViewModel.Failure> failures(FxRobot robot) {
        return robot.lookup("#run-failures").queryAs(ListView.class);
    }

    @SuppressWarnings("unchecked")
    private static ListView<RunSummary> runs(FxRobot robot) {
        return robot.lookup("#runs-list").queryAs(ListView.class);
    }

    @SuppressWarnings("unchecked")
    private static ComboBox<String> endpoint(FxRobot robot) {
        return robot.lookup("#run-endpoint").queryAs(ComboBox.class);
    }

    @SuppressWarnings("unchecked")
    private static Spinner<Integer> perSeed(FxRobot robot) {
        return robot.lookup("#run-per-seed").queryAs(Spinner.class);
    }

    private static String text(FxRobot robot, String query) {
        Node n = robot.lookup(query).query();
        return ((Label) n).getText();
    }

    private static Button button(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Button.class);
    }
}
