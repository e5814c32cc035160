package io.arenainstruct.studio.ui;

import static io.arenainstruct.studio.ui.UiHarness.fx;
import static io.arenainstruct.studio.ui.UiHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javafx.geometry.Bounds;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import io.arenainstruct.studio.domain.run.HumanEdit;
import io.arenainstruct.studio.domain.run.Instruction;
import io.arenainstruct.studio.domain.run.InstructionFilter;
import io.arenainstruct.studio.domain.run.Review;
import io.arenainstruct.studio.domain.run.RunConfig;
import io.arenainstruct.studio.domain.run.RunStatus;
import io.arenainstruct.studio.domain.run.SeedSelection;
import io.arenainstruct.studio.service.llm.KeyResolver;
import io.arenainstruct.studio.service.llm.RetryPolicy;
import io.arenainstruct.studio.service.run.InstructionService;
import io.arenainstruct.studio.service.run.RunFixture;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.testserver.FakeModelServer;
import io.arenainstruct.studio.testserver.SchemaReplies;
import io.arenainstruct.studio.ui.refinement.RefinementView;
import io.arenainstruct.studio.ui.refinement.RefinementViewModel;

/** The Refinement area over a finished run of {@link RunFixture}'s skill (3 seeds, 2 instructions each). */
@ExtendWith(ApplicationExtension.class)
class RefinementAreaTest {
    private static final RetryPolicy QUICK = RunFixture.QUICK_RETRIES;

    @TempDir
    Path tmp;

    private FakeModelServer server;
    private UiHarness ui;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        server = FakeModelServer.start().replyWith(SchemaReplies.fill());
        ui = new UiHarness(
                tmp.resolve("store"), false, new KeyResolver(tmp.resolve("secrets.properties"), n -> null), QUICK);
        RunFixture.install(ui.workspace, server.openAiBaseUrl(), 3, 4);
        ui.show(stage);
    }

    @AfterEach
    void tearDown() {
        ui.close();
        server.close();
    }

    @Test
    void roundsSideBySideWithChangesMarkedAndTheCuratorsDecisionsStored(FxRobot robot) throws Exception {
        RunStatus ran = ui.workspace
                .runs()
                .start(RunConfig.of(List.of(RunFixture.SKILL), SeedSelection.all(), "local")
                        .withPerSeed(2))
                .run();
        assertThat(ran).isEqualTo(RunStatus.COMPLETED);
        List<Long> ids = ui.workspace.instructions().ids(InstructionFilter.ALL);
        assertThat(ids).hasSize(6);
        Instruction first = ui.workspace.instructions().find(ids.get(0)).orElseThrow();

        robot.press(KeyCode.CONTROL, KeyCode.DIGIT7).release(KeyCode.DIGIT7, KeyCode.CONTROL);
        waitUntil(() -> "refinement".equals(ui.window.currentAreaId()));
        waitUntil(() -> label(robot, "#refinement-position").getText().equals("1 of 6 · #" + ids.get(0))
                && !robot.lookup("#text-response").queryAll().isEmpty());

        // Every column holds its text from the store.
        assertThat(newText(robot, "seed"))
                .isEqualTo(WorkspaceRepositories.seeds(ui.workspace)
                        .content(first.seedId())
                        .orElseThrow());
        assertThat(newText(robot, "passage"))
                .isEqualTo(ui.workspace
                        .runs()
                        .passage(first.passageId())
                        .orElseThrow()
                        .text());
        assertThat(newText(robot, "round-0")).isEqualTo(first.generated());
        assertThat(newText(robot, "suggestion-1"))
                .isEqualTo(first.rounds().get(0).suggestion());
        assertThat(newText(robot, "edited-1")).isEqualTo(first.rounds().get(0).edited());
        assertThat(newText(robot, "suggestion-2"))
                .isEqualTo(first.rounds().get(1).suggestion());
        assertThat(newText(robot, "edited-2")).isEqualTo(first.rounds().get(1).edited());
        assertThat(newText(robot, "response")).isEqualTo(first.response());
        assertThat(robot.lookup("#refinement-columns").queryAs(HBox.class).getChildren().stream()
                        .map(n -> ((TitledPane) n).getText().replaceAll(" ·.*", ""))
                        .toList())
                .containsExactly(
                        "Seed",
                        "Passage",
                        "Round 0",
                        "Suggestion 1",
                        "Edited instruction 1",
                        "Suggestion 2",
                        "Edited instruction 2",
                        "Response");
        // Round 1's edit against round 0: the editor's added words are marked, its removed ones struck through.
        assertThat(first.rounds().get(0).edited()).startsWith("instruction for: Revise");
        assertThat(texts(robot, "edited-1")).anySatisfy(t -> {
            assertThat(t.getStyleClass()).contains("diff-added");
            assertThat(t.getText()).contains("Revise");
        });
        assertThat(texts(robot, "edited-1"))
                .filteredOn(t -> t.getStyleClass().contains("diff-removed"))
                .allSatisfy(t -> assertThat(t.isStrikethrough()).isTrue());
        assertThat(label(robot, "#refinement-provenance").getText())
                .contains("asker v1")
                .contains("reviser v1")
                .contains("solver v1")
                .contains("endpoint local, model test-model")
                .contains("call #" + first.generator().callId());
        assertThat(label(robot, "#refinement-status").getText()).contains("Complete; not reviewed yet");

        // This walk checks each decision on screen, so it stays on the instruction (Move on is off).
        robot.type(KeyCode.M); // M turns Move on off
        waitUntil(() ->
                !robot.lookup("#move-on-after-decision").queryAs(CheckBox.class).isSelected());

        // Next and previous, with Alt+Down/Alt+Up and J/K.
        altKey(robot, KeyCode.DOWN);
        waitUntil(() -> shows(robot, ids.get(1), 2));
        robot.type(KeyCode.J);
        waitUntil(() -> shows(robot, ids.get(2), 3));
        robot.type(KeyCode.K);
        waitUntil(() -> shows(robot, ids.get(1), 2));
        altKey(robot, KeyCode.UP);
        waitUntil(() -> shows(robot, ids.get(0), 1));

        // Accept round 1: from the last round's column (chosen at first) two columns to the left, then A.
        waitUntil(() -> robot.lookup("#column-edited-2")
                .queryAs(TitledPane.class)
                .getStyleClass()
                .contains("selected-round"));
        altKey(robot, KeyCode.LEFT);
        altKey(robot, KeyCode.LEFT);
        waitUntil(() -> robot.lookup("#column-edited-1")
                .queryAs(TitledPane.class)
                .getStyleClass()
                .contains("selected-round"));
        robot.type(KeyCode.A);
        waitUntil(() -> ui.workspace
                        .instructions()
                        .find(ids.get(0))
                        .orElseThrow()
                        .review()
                        .decision()
                == Review.ACCEPTED);
        Instruction accepted = ui.workspace.instructions().find(ids.get(0)).orElseThrow();
        assertThat(accepted.review().acceptedRound()).isEqualTo(1);
        assertThat(accepted.review().by()).isEqualTo(InstructionService.currentUser());
        waitUntil(() -> label(robot, "#refinement-status")
                .getText()
                .contains("Accepted with round 1 by " + InstructionService.currentUser()));

        // Reject the next one.
        robot.type(KeyCode.J);
        waitUntil(() -> shows(robot, ids.get(1), 2));
        robot.type(KeyCode.R);
        waitUntil(() -> ui.workspace
                        .instructions()
                        .find(ids.get(1))
                        .orElseThrow()
                        .review()
                        .decision()
                == Review.REJECTED);
        waitUntil(() -> label(robot, "#refinement-status").getText().contains("Rejected by"));
        assertThat(ui.workspace
                        .instructions()
                        .find(ids.get(0))
                        .orElseThrow()
                        .review()
                        .decision())
                .isEqualTo(Review.ACCEPTED);

        // Edit round 1's edited instruction by hand (E, then Ctrl+S): a human edit; the model's text stays.
        Instruction second = ui.workspace.instructions().find(ids.get(1)).orElseThrow();
        String modelText = second.rounds().get(0).edited();
        altKey(robot, KeyCode.LEFT);
        altKey(robot, KeyCode.LEFT);
        waitUntil(() -> robot.lookup("#column-edited-1")
                .queryAs(TitledPane.class)
                .getStyleClass()
                .contains("selected-round"));
        robot.type(KeyCode.E);
        waitUntil(() -> !robot.lookup("#editor-edited-1").queryAll().isEmpty());
        TextArea editor = robot.lookup("#editor-edited-1").queryAs(TextArea.class);
        assertThat(editor.getText()).isEqualTo(modelText);
        fx(() -> editor.setText("Explain in two sentences why the town's market grew by the river."));
        robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
        waitUntil(() -> !ui.workspace.instructions().humanEdits(ids.get(1)).isEmpty());
        List<HumanEdit> edits = ui.workspace.instructions().humanEdits(ids.get(1));
        assertThat(edits).hasSize(1);
        assertThat(edits.get(0).target()).isEqualTo("round.1.edited");
        assertThat(edits.get(0).text()).isEqualTo("Explain in two sentences why the town's market grew by the river.");
        assertThat(edits.get(0).author()).isEqualTo(InstructionService.currentUser());
        assertThat(edits.get(0).editedAt()).isNotNull();
        assertThat(ui.workspace
                        .instructions()
                        .find(ids.get(1))
                        .orElseThrow()
                        .rounds()
                        .get(0)
                        .edited())
                .isEqualTo(modelText);
        waitUntil(() -> !robot.lookup("#model-edited-1").queryAll().isEmpty());
        assertThat(label(robot, "#model-edited-1").getText()).isEqualTo(modelText);
        assertThat(newText(robot, "edited-1"))
                .isEqualTo("Explain in two sentences why the town's market grew by the river.");
        assertThat(robot.lookup("#column-edited-1").queryAs(TitledPane.class).getText())
                .endsWith("· edited");

        // Esc leaves an edit without keeping it.
        robot.type(KeyCode.F2);
        waitUntil(() -> !robot.lookup("#editor-edited-1").queryAll().isEmpty());
        fx(() -> robot.lookup("#editor-edited-1").queryAs(TextArea.class).setText("thrown away"));
        robot.type(KeyCode.ESCAPE);
        waitUntil(() -> robot.lookup("#editor-edited-1").queryAll().isEmpty());
        assertThat(ui.workspace.instructions().humanEdits(ids.get(1))).hasSize(1);
    }

    @Test
    void theFiltersNameSkillsByNameWithTheIdOnHover(FxRobot robot) throws Exception {
        assertThat(ui.workspace
                        .runs()
                        .start(RunConfig.of(List.of(RunFixture.SKILL), SeedSelection.all(), "local"))
                        .run())
                .isEqualTo(RunStatus.COMPLETED);
        fx(() -> ui.window.select("refinement"));
        @SuppressWarnings("unchecked")
        ComboBox<String> skills = robot.lookup("#refinement-skill").queryAs(ComboBox.class);
        waitUntil(() -> skills.getItems().contains(RunFixture.SKILL));
        fx(skills::requestFocus);
        robot.type(KeyCode.DOWN); // from "Any skill" to the one skill
        waitUntil(() -> RunFixture.SKILL.equals(skills.getValue()));
        assertThat(((ListCell<?>) skills.getButtonCell()).getText()).isEqualTo("Test skill");
        assertThat(skills.getButtonCell().getTooltip().getText()).isEqualTo("Skill id: test-skill");
        @SuppressWarnings("unchecked")
        ComboBox<Object> runs = robot.lookup("#refinement-run").queryAs(ComboBox.class);
        assertThat(runs.getItems()).anySatisfy(r -> assertThat(r.toString()).startsWith("Run 1 · Test skill · "));
    }

    @Test
    void eTakesTheKeyboardIntoTheEditorAndAnUnchangedEditStoresNothing(FxRobot robot) throws Exception {
        assertThat(ui.workspace
                        .runs()
                        .start(RunConfig.of(List.of(RunFixture.SKILL), SeedSelection.all(), "local"))
                        .run())
                .isEqualTo(RunStatus.COMPLETED);
        List<Long> ids = ui.workspace.instructions().ids(InstructionFilter.ALL);
        String modelText = ui.workspace
                .instructions()
                .find(ids.get(0))
                .orElseThrow()
                .rounds()
                .get(1)
                .edited();
        fx(() -> ui.window.select("refinement"));
        waitUntil(() -> shows(robot, ids.get(0), 1)
                && !robot.lookup("#text-response").queryAll().isEmpty());
        waitUntil(() -> robot.lookup("#column-edited-2")
                .queryAs(TitledPane.class)
                .getStyleClass()
                .contains("selected-round"));

        // E opens the editor with the caret in it: what the curator types goes into the text, and only that.
        robot.type(KeyCode.E);
        waitUntil(() -> !robot.lookup("#editor-edited-2").queryAll().isEmpty());
        TextArea editor = robot.lookup("#editor-edited-2").queryAs(TextArea.class);
        waitUntil(editor::isFocused);
        robot.write(" Keep it short.");
        robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
        waitUntil(() -> !ui.workspace.instructions().humanEdits(ids.get(0)).isEmpty());
        assertThat(ui.workspace.instructions().humanEdits(ids.get(0)))
                .singleElement()
                .satisfies(e -> assertThat(e.text()).isEqualTo(modelText + " Keep it short."));
        // said in the curator's words, without the store's key for the text ("round.2.edited")
        waitUntil(() -> ("Kept your edit of round 2's edited instruction of instruction #" + ids.get(0)
                        + "; Ctrl+Z undoes it")
                .equals(ui.context.notice().get()));

        // F2 on the next one and Ctrl+S without a change: nothing is stored, and the curator is told so.
        robot.type(KeyCode.J);
        waitUntil(() -> shows(robot, ids.get(1), 2)
                && !robot.lookup("#text-response").queryAll().isEmpty());
        robot.type(KeyCode.F2);
        waitUntil(() -> !robot.lookup("#editor-edited-2").queryAll().isEmpty()
                && robot.lookup("#editor-edited-2").queryAs(TextArea.class).isFocused());
        robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
        waitUntil(() ->
                ui.context.notice().get() != null && ui.context.notice().get().startsWith("Nothing to keep"));
        waitUntil(() -> robot.lookup("#editor-edited-2").queryAll().isEmpty());
        assertThat(ui.workspace.instructions().humanEdits(ids.get(1))).isEmpty();

        // The header says what a dataset takes; an edit keeps the instruction and its input apart.
        assertThat(label(robot, "#refinement-final").getText())
                .startsWith("Final text (last round 2): "
                        + ui.workspace
                                .instructions()
                                .find(ids.get(1))
                                .orElseThrow()
                                .instruction()
                                .substring(0, 20));
        robot.type(KeyCode.E);
        waitUntil(() -> !robot.lookup("#editor-input-edited-2").queryAll().isEmpty()
                && robot.lookup("#editor-edited-2").queryAs(TextArea.class).isFocused());
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write("Name the town.");
        robot.clickOn("#editor-input-edited-2");
        robot.write("The town lay by a river.");
        robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
        waitUntil(() -> !ui.workspace.instructions().humanEdits(ids.get(1)).isEmpty());
        assertThat(ui.workspace.instructions().humanEdits(ids.get(1)))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.text()).isEqualTo("Name the town.");
                    assertThat(e.input()).isEqualTo("The town lay by a river.");
                });
        waitUntil(() -> label(robot, "#refinement-final")
                .getText()
                .equals("Final text (hand edit of round 2 by " + InstructionService.currentUser()
                        + "): Name the town. · with an input"));
        assertThat(newText(robot, "edited-2")).isEqualTo("Name the town.\n\nInput:\nThe town lay by a river.");

        // A click on Edit does the same as E: the caret is in the text.
        robot.clickOn("#edit-column");
        waitUntil(() -> !robot.lookup("#editor-edited-2").queryAll().isEmpty()
                && robot.lookup("#editor-edited-2").queryAs(TextArea.class).isFocused());
        robot.write(" Which river?");
        robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
        waitUntil(() -> ui.workspace.instructions().humanEdits(ids.get(1)).size() == 2);
        assertThat(ui.workspace.instructions().humanEdits(ids.get(1)).get(1).text())
                .isEqualTo("Name the town. Which river?");
    }

    @Test
    void theChosenColumnIsAlwaysInViewAt1400Pixels(FxRobot robot) throws Exception {
        assertThat(ui.workspace
                        .runs()
                        .start(RunConfig.of(List.of(RunFixture.SKILL), SeedSelection.all(), "local"))
                        .run())
                .isEqualTo(RunStatus.COMPLETED);
        List<Long> ids = ui.workspace.instructions().ids(InstructionFilter.ALL);
        fx(() -> {
            stage.setWidth(1400);
            stage.setHeight(900);
            ui.window.select("refinement");
        });
        waitUntil(() -> shows(robot, ids.get(0), 1)
                && !robot.lookup("#text-response").queryAll().isEmpty());
        // The status line names the skill by its flow's name, not its id; the position line says which one.
        assertThat(label(robot, "#refinement-status").getText())
                .startsWith(ui.workspace
                                .flows()
                                .find(RunFixture.SKILL)
                                .orElseThrow()
                                .name() + " · ");
        assertThat(label(robot, "#refinement-position").getText()).isEqualTo("1 of 3 · #" + ids.get(0));
        // Eight columns do not fit: the last round's, chosen at first, is scrolled to.
        waitUntil(() -> robot.lookup("#column-edited-2")
                        .queryAs(TitledPane.class)
                        .getStyleClass()
                        .contains("selected-round")
                && inView(robot, "edited-2"));
        assertThat(fxGet(() -> inView(robot, "seed"))).isFalse();

        // Alt+Home shows the seed, Alt+End the response.
        altKey(robot, KeyCode.HOME);
        waitUntil(() -> inView(robot, "seed") && isSelected(robot, "seed"));
        altKey(robot, KeyCode.END);
        waitUntil(() -> inView(robot, "response") && isSelected(robot, "response"));
        altKey(robot, KeyCode.LEFT);
        waitUntil(() -> inView(robot, "edited-2") && isSelected(robot, "edited-2"));

        // Accept moves on: the next instruction's chosen round is in view, not its seed.
        robot.type(KeyCode.A);
        waitUntil(() -> shows(robot, ids.get(1), 2)
                && !robot.lookup("#text-response").queryAll().isEmpty()
                && isSelected(robot, "edited-2")
                && inView(robot, "edited-2"));

        // The editor E opens is in view, and so is the column after its edit is kept.
        robot.type(KeyCode.E);
        waitUntil(() -> !robot.lookup("#editor-edited-2").queryAll().isEmpty() && inView(robot, "edited-2"));
        robot.write(" Briefly.");
        robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
        waitUntil(() -> !ui.workspace.instructions().humanEdits(ids.get(1)).isEmpty());
        waitUntil(() -> robot.lookup("#editor-edited-2").queryAll().isEmpty()
                && robot.lookup("#column-edited-2")
                        .queryAs(TitledPane.class)
                        .getText()
                        .endsWith("· edited"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fxGet(() -> inView(robot, "edited-2"))).isTrue();
    }

    @Test
    void acceptAndRejectMoveOnAndUndoBringsTheDecidedInstructionBack(FxRobot robot) throws Exception {
        assertThat(ui.workspace
                        .runs()
                        .start(RunConfig.of(List.of(RunFixture.SKILL), SeedSelection.all(), "local"))
                        .run())
                .isEqualTo(RunStatus.COMPLETED);
        List<Long> ids = ui.workspace.instructions().ids(InstructionFilter.ALL);
        assertThat(ids).hasSize(3);
        fx(() -> ui.window.select("refinement"));
        waitUntil(() -> shows(robot, ids.get(0), 1)
                && !robot.lookup("#text-response").queryAll().isEmpty());
        assertThat(robot.lookup("#move-on-after-decision")
                        .queryAs(CheckBox.class)
                        .isSelected())
                .as("on by default")
                .isTrue();

        robot.type(KeyCode.A);
        waitUntil(() -> shows(robot, ids.get(1), 2));
        waitUntil(() -> ui.workspace
                        .instructions()
                        .find(ids.get(0))
                        .orElseThrow()
                        .review()
                        .decision()
                == Review.ACCEPTED);
        robot.type(KeyCode.R);
        waitUntil(() -> shows(robot, ids.get(2), 3));
        waitUntil(() -> ui.workspace
                        .instructions()
                        .find(ids.get(1))
                        .orElseThrow()
                        .review()
                        .decision()
                == Review.REJECTED);

        // Ctrl+Z undoes the reject and shows that instruction again; Ctrl+Shift+Z redoes it where it is.
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        waitUntil(() -> shows(robot, ids.get(1), 2)
                && ui.workspace
                                .instructions()
                                .find(ids.get(1))
                                .orElseThrow()
                                .review()
                                .decision()
                        == Review.NONE);
        waitUntil(() -> label(robot, "#refinement-status").getText().contains("Complete; not reviewed yet"));
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        waitUntil(() -> shows(robot, ids.get(0), 1)
                && ui.workspace
                                .instructions()
                                .find(ids.get(0))
                                .orElseThrow()
                                .review()
                                .decision()
                        == Review.NONE);
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Z).release(KeyCode.Z, KeyCode.SHIFT, KeyCode.CONTROL);
        waitUntil(() -> ui.workspace
                                .instructions()
                                .find(ids.get(0))
                                .orElseThrow()
                                .review()
                                .decision()
                        == Review.ACCEPTED
                && label(robot, "#refinement-status").getText().contains("Accepted with round"));
        assertThat(label(robot, "#refinement-position").getText()).isEqualTo("1 of 3 · #" + ids.get(0));

        // At the last instruction there is nowhere to move on to: the decision shows where it was made.
        robot.type(KeyCode.J);
        robot.type(KeyCode.J);
        waitUntil(() -> shows(robot, ids.get(2), 3));
        robot.type(KeyCode.R);
        waitUntil(() -> label(robot, "#refinement-status").getText().contains("Rejected by"));
        assertThat(label(robot, "#refinement-position").getText()).isEqualTo("3 of 3 · #" + ids.get(2));
    }

    @Test
    void anInstructionBeingRefinedUpdatesByItself(FxRobot robot) throws Exception {
        // Round 2's suggester waits until the test lets it answer.
        CountDownLatch roundTwo = new CountDownLatch(1);
        server.replyWith(r -> {
            String user = r.lastUserMessage() == null ? "" : r.lastUserMessage();
            if (user.startsWith("Suggest for: instruction for: Revise")) {
                try {
                    roundTwo.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return SchemaReplies.fill().apply(r);
        });
        RunConfig config = RunConfig.of(List.of(RunFixture.SKILL), SeedSelection.all(), "local")
                .withPerSeed(1);
        CompletableFuture<RunStatus> run = CompletableFuture.supplyAsync(
                () -> ui.workspace.runs().start(config).run());
        try {
            waitUntil(() ->
                    ui.workspace.instructions().ids(InstructionFilter.ALL).size() == 3
                            && ui.workspace
                                            .instructions()
                                            .find(ui.workspace
                                                    .instructions()
                                                    .ids(InstructionFilter.ALL)
                                                    .get(0))
                                            .orElseThrow()
                                            .roundsDone()
                                    == 1);
            fx(() -> ui.window.select("refinement"));
            waitUntil(() -> !robot.lookup("#text-edited-1").queryAll().isEmpty()
                    && newText(robot, "edited-1").startsWith("instruction for: Revise"));
            assertThat(newText(robot, "edited-2")).isEqualTo("Waiting for the models…");
            assertThat(label(robot, "#refinement-status").getText()).contains("In progress: 1 of 2 rounds done");
        } finally {
            roundTwo.countDown();
        }
        assertThat(run.get(30, TimeUnit.SECONDS)).isEqualTo(RunStatus.COMPLETED);
        // No click, no key: the poll brings round 2 and the response in.
        waitUntil(() -> newText(robot, "response").startsWith("response for: Answer:"));
        assertThat(newText(robot, "edited-2")).startsWith("instruction for: Revise");
        assertThat(label(robot, "#refinement-status").getText()).contains("Complete; not reviewed yet");
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** The position reads "2 of 6 · #64" and the columns show that instruction. */
    private boolean shows(FxRobot robot, long id, int position) {
        RefinementViewModel.Shown s = ((RefinementView)
                        ui.window.view("refinement").orElseThrow())
                .model()
                .shown()
                .get();
        return label(robot, "#refinement-position").getText().matches(position + " of \\d+ · #" + id)
                && s != null
                && s.instruction().id() == id;
    }

    /** Whether the column lies whole within the part of the scroll pane one sees (call on the FX thread). */
    private static boolean inView(FxRobot robot, String column) {
        {
            ScrollPane scroll = robot.lookup("#refinement-scroll").queryAs(ScrollPane.class);
            Bounds view = scroll.localToScene(scroll.getLayoutBounds());
            double viewLeft = view.getMinX() + scroll.getPadding().getLeft();
            double viewRight = viewLeft + scroll.getViewportBounds().getWidth();
            Bounds pane = robot.lookup("#column-" + column)
                    .query()
                    .localToScene(robot.lookup("#column-" + column).query().getLayoutBounds());
            return pane.getMinX() >= viewLeft - 1 && pane.getMaxX() <= viewRight + 1;
        }
    }

    private static void altKey(FxRobot robot, KeyCode key) {
        robot.press(KeyCode.ALT, key).release(key, KeyCode.ALT);
    }

    private static boolean isSelected(FxRobot robot, String column) {
        return robot.lookup("#column-" + column)
                .queryAs(TitledPane.class)
                .getStyleClass()
                .contains("selected-round");
    }

    private static <T> T fxGet(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(15, TimeUnit.SECONDS);
    }

    private static Label label(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class);
    }

    private static List<Text> texts(FxRobot robot, String column) {
        return robot.lookup("#text-" + column).queryAs(TextFlow.class).getChildren().stream()
                .map(n -> (Text) n)
                .toList();
    }

    /** The column's text as it reads now: everything but the struck-through removed words. */
    private static String newText(FxRobot robot, String column) {
        return texts(robot, column).stream()
                .filter(t -> !t.getStyleClass().contains("diff-removed"))
                .map(Text::getText)
                .collect(Collectors.joining());
    }
}
