package io.arenainstruct.studio.ui.loop;

import static io.arenainstruct.studio.service.loop.LoopSimulation.EASY;
import static io.arenainstruct.studio.service.loop.LoopSimulation.INFERENCE;
import static io.arenainstruct.studio.service.loop.LoopSimulation.RECALL;
import static io.arenainstruct.studio.service.loop.LoopSimulation.SKILL;
import static io.arenainstruct.studio.ui.UiHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
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

import io.arenainstruct.studio.domain.TaxonomyNode;
import io.arenainstruct.studio.domain.arena.ArenaJob;
import io.arenainstruct.studio.domain.arena.InstructionSelection;
import io.arenainstruct.studio.domain.loop.ProposalDecision;
import io.arenainstruct.studio.domain.run.InstructionFilter;
import io.arenainstruct.studio.domain.run.RunConfig;
import io.arenainstruct.studio.domain.run.RunStatus;
import io.arenainstruct.studio.domain.run.SeedSelection;
import io.arenainstruct.studio.service.arena.ArenaJobService.AnswerRequest;
import io.arenainstruct.studio.service.arena.ArenaJobService.JudgeRequest;
import io.arenainstruct.studio.service.arena.PairingStrategy;
import io.arenainstruct.studio.service.loop.LoopSimulation;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.store.ProposalRepository;
import io.arenainstruct.studio.testserver.FakeModelServer;
import io.arenainstruct.studio.ui.UiHarness;
import io.arenainstruct.studio.ui.loop.LoopViewModel.IterationRow;
import io.arenainstruct.studio.ui.loop.LoopViewModel.ProposalRow;

/**
 * The two iterations in the app, by keyboard and mouse, against the in-test model server of
 * {@link LoopSimulation} (T loses every Inference battle, wins every Recall one, ties every Easy one). Iteration 1 is
 * made through the services on the seeds tagged "first"; then in the Loop area: propose, tick two (Inference's weight
 * and Easy's rounds), accept, and Next iteration… makes iteration 2 on the seeds no run used, as iteration 1 did.
 */
@ExtendWith(ApplicationExtension.class)
class LoopIterationsUiTest {
    /** Seeds per tag, one instruction each: few for speed, enough for every category to pass the minimum below. */
    static final int SEEDS = 30;
    /** The rule's minimum battles per category, typed in: the run's fixed sampling gives the fewest (3) to one. */
    static final int MIN_BATTLES = 3;

    static final String WEIGHT_INFERENCE = "weight:" + SKILL + "/" + INFERENCE;
    static final String ROUNDS_EASY = "rounds:" + SKILL + "/" + EASY;

    @TempDir
    Path tmp;

    private FakeModelServer server;
    private UiHarness ui;

    @Start
    void start(Stage stage) throws Exception {
        server = FakeModelServer.start().replyWith(LoopSimulation::reply);
        ui = new UiHarness(tmp.resolve("store"), false);
        firstIteration(ui.workspace, server.openAiBaseUrl());
        ui.show(stage);
        ui.window.select("seeds");
    }

    @AfterEach
    void tearDown() {
        ui.close();
        server.close();
    }

    /**
     * The simulation's skill, seeds and endpoints, and iteration 1 through the services: the run on the seeds tagged
     * "first", answers by t and o, battles of T against the others, judged once each by j.
     */
    static void firstIteration(Workspace ws, String baseUrl) throws Exception {
        LoopSimulation.install(ws, baseUrl, SEEDS);
        RunConfig config =
                new RunConfig(List.of(SKILL), SeedSelection.tag("first"), "gen", Map.of(), null, 1, false, 1L);
        assertThat(ws.runs().start(config).run()).isEqualTo(RunStatus.COMPLETED);
        assertThat(ws.arena()
                        .answer(new AnswerRequest(List.of("t", "o"), "run:1", 1))
                        .run())
                .isEqualTo(RunStatus.COMPLETED);
        ws.battles().create(PairingStrategy.parse("target:T"), InstructionSelection.run(1), List.of());
        assertThat(ws.arena()
                        .judge(new JudgeRequest(List.of("j"), "graded", "majority", "unjudged", 1))
                        .run())
                .isEqualTo(RunStatus.COMPLETED);
    }

    @Test
    void proposeAcceptTwoAndMakeTheNextIterationByKeys(FxRobot robot) throws Exception {
        Workspace ws = ui.workspace;
        Map<String, Integer> first = categories(ws, 1);
        assertThat(first.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(SEEDS);
        assertThat(first.values()).allMatch(n -> n >= MIN_BATTLES);

        robot.moveTo(new Point2D(2, 2));
        press(robot, KeyCode.CONTROL, KeyCode.G);
        waitUntil(() -> "loop".equals(ui.window.currentAreaId()));
        @SuppressWarnings("unchecked")
        TableView<IterationRow> iterations = robot.lookup("#loop-iterations").queryAs(TableView.class);
        waitUntil(() -> iterations.getItems().size() == 1);

        chooseT(robot);

        // to the proposals; the rule's minimum battles typed in (Alt+M): every category has enough
        robot.clickOn(iterations);
        robot.moveTo(new Point2D(2, 2));
        waitUntil(iterations::isFocused);
        press(robot, KeyCode.CONTROL, KeyCode.TAB);
        TabPane tabs = robot.lookup("#loop-area .tab-pane").queryAs(TabPane.class);
        waitUntil(() -> "loop-proposals-tab"
                .equals(tabs.getSelectionModel().getSelectedItem().getId()));
        press(robot, KeyCode.ALT, KeyCode.M);
        TextField min = robot.lookup("#loop-min-battles").queryAs(TextField.class);
        waitUntil(min::isFocused);
        press(robot, KeyCode.CONTROL, KeyCode.A);
        robot.write(String.valueOf(MIN_BATTLES));
        @SuppressWarnings("unchecked")
        TableView<ProposalRow> proposals = robot.lookup("#loop-proposals").queryAs(TableView.class);
        waitUntil(() -> ids(proposals).containsAll(List.of(WEIGHT_INFERENCE, ROUNDS_EASY))
                && ((Label) robot.lookup("#loop-proposals-message").query())
                        .getText()
                        .contains("proposals for T"));
        List<String> all = ids(proposals);
        // by hand: T loses exactly the Inference battles, so the loss rate is 1 there and 0 elsewhere; Recall and
        // Easy go down, Inference up, and Easy's ties give one more round and a harder goal
        assertThat(all)
                .containsExactlyInAnyOrder(
                        "weight:" + SKILL + "/" + RECALL,
                        WEIGHT_INFERENCE,
                        "weight:" + SKILL + "/" + EASY,
                        ROUNDS_EASY,
                        "goal:" + SKILL + "/" + EASY);

        // a click on the first row (not on its box), as a person would, then the keys: Space ticks the two
        waitUntil(() -> robot.lookup("#loop-proposals .table-row-cell")
                .match((TableRow<?> r) -> r.getIndex() == 0 && r.getItem() != null)
                .tryQuery()
                .isPresent());
        robot.clickOn(cell(robot, 0, "Kind"));
        robot.moveTo(new Point2D(2, 2));
        waitUntil(proposals::isFocused);
        waitUntil(() -> proposals.getFocusModel().getFocusedIndex() == 0);
        tick(robot, proposals, all.indexOf(WEIGHT_INFERENCE));
        tick(robot, proposals, all.indexOf(ROUNDS_EASY));
        assertThat(proposals.getItems().stream().filter(r -> r.ticked().get()))
                .extracting(r -> r.proposal().id())
                .containsExactlyInAnyOrder(WEIGHT_INFERENCE, ROUNDS_EASY);

        // Ctrl+Enter accepts (the confirmation answered yes)
        press(robot, KeyCode.CONTROL, KeyCode.ENTER);
        waitUntil(() -> label(robot, "#loop-accept-message").startsWith("Accepted 2 in iteration 1"));
        assertThat(ui.dialogs.confirms).singleElement().asString().contains("Accept 2 of 5 proposals for T");

        // Next iteration… (Ctrl+Shift+N): the plan as iteration 1 did it, with its estimate
        press(robot, KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.N);
        waitUntil(() -> "loop-next-tab"
                .equals(tabs.getSelectionModel().getSelectedItem().getId()));
        Button start = robot.lookup("#loop-next-start").queryAs(Button.class);
        waitUntil(() -> !start.isDisabled());
        // by hand: 30 unused seeds (tagged "second"), one instruction each; 60 answers by t and o; one battle of T
        // against O per instruction, one game each
        assertThat(label(robot, "#loop-next-estimate"))
                .contains("Iteration 2, target T:")
                .contains("1. Run " + SKILL + " on gen: 30 seeds (not used before), 1 per seed")
                .contains(": 30 instructions, ")
                .contains("2. Answer with t, o: 60 calls")
                .contains("3. Battles target:T (as 30 of iteration 1's battles did): about 30 battles, no calls.")
                .contains("4. Judge with j (as judging job 2 did; graded, 1 game): 30 calls");
        assertThat(label(robot, "#loop-next-problem")).isEmpty();
        @SuppressWarnings("unchecked")
        ComboBox<String> endpoint = robot.lookup("#loop-next-endpoint").queryAs(ComboBox.class);
        assertThat(endpoint.getValue()).as("iteration 1's run endpoint").isEqualTo("gen");

        // Ctrl+Enter starts; the chain runs in the background and the dashboard shows iteration 2 when it is made
        waitUntil(endpoint::isFocused);
        press(robot, KeyCode.CONTROL, KeyCode.ENTER);
        long timeout = 120;
        waitLong(timeout, () -> label(robot, "#loop-next-outcome").startsWith("Iteration 2 is made"));
        assertThat(label(robot, "#loop-next-outcome"))
                .isEqualTo("Iteration 2 is made: run 2, answering job 3, 30 battles made, judged by judging job 4."
                        + " See what they propose under Proposals.");
        robot.clickOn("Iterations");
        waitUntil(() -> iterations.getItems().size() == 2
                && iterations.getItems().get(1).status().counts().battles() == 30);
        assertThat(iterations.getItems().get(1).status().counts().judgeVerdicts())
                .isEqualTo(30);
        assertThat(iterations.getItems().get(1).status().iteration().targetModel())
                .isEqualTo("T");

        // the store: the accepted weight and round applied, the others not; iteration 2's run and judged battles
        double m = first.get(INFERENCE) / (double) SEEDS;
        assertThat(weight(ws, INFERENCE)).isEqualTo(round2(2 - m));
        assertThat(weight(ws, RECALL)).isEqualTo(1.0);
        assertThat(weight(ws, EASY)).isEqualTo(1.0);
        assertThat(ws.flows().find(SKILL).orElseThrow().rounds()).isEqualTo(1);
        assertThat(ws.runs().find(2).orElseThrow().status()).isEqualTo(RunStatus.COMPLETED);
        List<Long> made = ws.instructions().ids(InstructionFilter.ofRun(2));
        assertThat(made).hasSize(SEEDS);
        for (long id : made) {
            assertThat(ws.runs()
                            .seed(ws.instructions().find(id).orElseThrow().seedId())
                            .orElseThrow()
                            .name())
                    .startsWith("second-");
            assertThat(ws.instructions().find(id).orElseThrow().rounds())
                    .as("the accepted round")
                    .hasSize(1);
        }
        assertThat(ws.arena().list().stream()
                        .filter(j -> j.kind() == ArenaJob.Kind.JUDGE)
                        .map(ArenaJob::status))
                .containsOnly(RunStatus.COMPLETED)
                .hasSize(2);
        Map<String, Boolean> recorded = new ProposalRepository(WorkspaceRepositories.store(ws))
                .decisions(1).stream()
                        .collect(Collectors.toMap(d -> d.proposal().id(), ProposalDecision::accepted));
        Map<String, Boolean> expected = new HashMap<>();
        all.forEach(id -> expected.put(id, false));
        expected.put(WEIGHT_INFERENCE, true);
        expected.put(ROUNDS_EASY, true);
        assertThat(recorded).isEqualTo(expected);
    }

    /** Cancel stops the chain at the job running (the run); Start then continues the same iteration. */
    @Test
    void cancelStopsTheChainAtItsRunAndStartContinuesTheSameIteration(FxRobot robot) throws Exception {
        Workspace ws = ui.workspace;
        robot.moveTo(new Point2D(2, 2));
        press(robot, KeyCode.CONTROL, KeyCode.G);
        waitUntil(() -> "loop".equals(ui.window.currentAreaId()));
        chooseT(robot);
        press(robot, KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.N);
        Button start = robot.lookup("#loop-next-start").queryAs(Button.class);
        waitUntil(() -> !start.isDisabled());

        // the model server holds its replies: the run is under way, none of its calls answered
        server.pauseReplies();
        robot.clickOn(start);
        server.awaitInFlight(1, Duration.ofSeconds(30));
        robot.clickOn("#loop-next-cancel");
        server.resumeReplies();
        waitLong(60, () -> label(robot, "#loop-next-outcome").startsWith("Stage 1 of 4 (run) stopped: cancelled."));
        assertThat(label(robot, "#loop-next-outcome"))
                .contains("Kept: iteration 2, what run 2 made.")
                .contains("keep “Continue the stopped iteration” ticked and Start again");
        assertThat(ws.runs().find(2).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(robot.lookup("#loop-next-resume").queryAs(CheckBox.class).isSelected())
                .isTrue();

        // planned again as a continuation of iteration 2's run; Start goes on from what is stored
        waitUntil(() -> !start.isDisabled()
                && label(robot, "#loop-next-estimate").startsWith("Continuing iteration 2, target T:"));
        assertThat(label(robot, "#loop-next-estimate")).contains("1. Run 2 (" + SKILL + ") continues where it stopped");
        robot.clickOn(start);
        waitLong(120, () -> label(robot, "#loop-next-outcome").startsWith("Iteration 2 is made"));
        assertThat(label(robot, "#loop-next-outcome")).startsWith("Iteration 2 is made: run 2, ");
        assertThat(ws.iterations().iterations()).hasSize(2);
        assertThat(ws.runs().find(2).orElseThrow().status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(ws.runs().find(3)).isEmpty();
        assertThat(ws.instructions().ids(InstructionFilter.ofRun(2))).hasSize(SEEDS);
    }

    /** Ctrl+T, then the arrow keys in the list of models with battles (O and T) until T is the target. */
    private static void chooseT(FxRobot robot) throws TimeoutException {
        @SuppressWarnings("unchecked")
        ComboBox<String> target = robot.lookup("#loop-target").queryAs(ComboBox.class);
        waitUntil(() -> target.getValue() != null);
        press(robot, KeyCode.CONTROL, KeyCode.T);
        waitUntil(target::isFocused);
        if (!"T".equals(target.getValue())) {
            press(robot, KeyCode.DOWN);
        }
        waitUntil(() -> "T".equals(target.getValue()));
    }

    /** Moves the focus to the row with the arrow keys and ticks it with Space. */
    private static void tick(FxRobot robot, TableView<ProposalRow> proposals, int index) throws TimeoutException {
        while (proposals.getFocusModel().getFocusedIndex() != index) {
            press(robot, proposals.getFocusModel().getFocusedIndex() < index ? KeyCode.DOWN : KeyCode.UP);
        }
        try {
            waitUntil(() -> proposals.getFocusModel().getFocusedIndex() == index);
            press(robot, KeyCode.SPACE);
            waitUntil(() -> proposals.getItems().get(index).ticked().get());
        } catch (TimeoutException e) {
            throw new AssertionError("focused " + proposals.getFocusModel().getFocusedIndex() + " of " + index
                    + ", ticked "
                    + proposals.getItems().stream().map(r -> r.ticked().get()).toList() + ", focus "
                    + proposals.getScene().getFocusOwner());
        }
    }

    private static List<String> ids(TableView<ProposalRow> proposals) {
        return proposals.getItems().stream().map(r -> r.proposal().id()).toList();
    }

    /** The instructions of the run per category. */
    static Map<String, Integer> categories(Workspace ws, long runId) {
        Map<String, Integer> out = new HashMap<>(Map.of(RECALL, 0, INFERENCE, 0, EASY, 0));
        for (long id : ws.instructions().ids(InstructionFilter.ofRun(runId))) {
            out.merge(ws.instructions().find(id).orElseThrow().category(), 1, Integer::sum);
        }
        return out;
    }

    private static double weight(Workspace ws, String category) {
        return ws.taxonomies().find(SKILL).orElseThrow().categories().stream()
                .filter(c -> c.name().equals(category))
                .findFirst()
                .map(TaxonomyNode::weight)
                .orElseThrow();
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static TableCell<?, ?> cell(FxRobot robot, int index, String column) {
        TableRow<?> row = robot.lookup("#loop-proposals .table-row-cell")
                .match((TableRow<?> r) -> r.getIndex() == index)
                .query();
        return robot.from(row)
                .lookup(".table-cell")
                .match((TableCell<?, ?> c) -> column.equals(c.getTableColumn().getText()))
                .query();
    }

    private static String label(FxRobot robot, String id) {
        Node n = robot.lookup(id).query();
        return ((Label) n).getText();
    }

    /** Waits longer than {@link UiHarness#waitUntil} allows: the whole chain runs against the in-test server. */
    private static void waitLong(long seconds, Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> {
            try {
                return WaitForAsyncUtils.asyncFx(condition).get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                return false;
            }
        });
    }

    private static void press(FxRobot robot, KeyCode... keys) {
        robot.press(keys);
        for (int i = keys.length - 1; i >= 0; i--) {
            robot.release(keys[i]);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }
}
