package io.arenainstruct.studio.ui;

import static io.arenainstruct.studio.ui.UiHarness.fx;
import static io.arenainstruct.studio.ui.UiHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
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

import io.arenainstruct.studio.domain.llm.Endpoint;
import io.arenainstruct.studio.domain.llm.Provider;
import io.arenainstruct.studio.domain.run.HumanEdit;
import io.arenainstruct.studio.domain.run.Instruction;
import io.arenainstruct.studio.domain.run.InstructionFilter;
import io.arenainstruct.studio.domain.run.InstructionStatus;
import io.arenainstruct.studio.domain.run.Review;
import io.arenainstruct.studio.service.llm.KeyResolver;
import io.arenainstruct.studio.testserver.FakeModelServer;
import io.arenainstruct.studio.testserver.SchemaReplies;
import io.arenainstruct.studio.ui.runs.RunFormModel;

/**
 * The whole path on the sample workspace: the Runs area runs two shipped flows over the 26 sample seeds against
 * an OpenAI-compatible server answering schema-valid JSON; the Refinement area then accepts, rejects and edits.
 */
@ExtendWith(ApplicationExtension.class)
class SampleRunUiTest {
    private static final List<String> SKILLS = List.of("reading-comprehension", "text-modification");

    @TempDir
    Path tmp;

    private FakeModelServer server;
    private UiHarness ui;

    @Start
    void start(Stage stage) {
        server = FakeModelServer.start().replyWith(SchemaReplies.fill());
        KeyResolver keys = new KeyResolver(tmp.resolve("home/secrets.properties"), new HashMap<String, String>()::get);
        ui = new UiHarness(tmp.resolve("store"), true, keys, EndpointsAreaTest.QUICK);
        ui.workspace
                .endpoints()
                .save(Endpoint.of("local", Provider.OPENAI_COMPATIBLE, server.openAiBaseUrl(), "qwen2.5")
                        .withLimits(4, 0, 0)
                        .withTimeout(Duration.ofSeconds(10)));
        ui.show(stage);
    }

    @AfterEach
    void tearDown() {
        ui.close();
        server.close();
    }

    @Test
    void twoSkillsRunOverTheSampleSeedsAndTheCuratorReviewsTheResults(FxRobot robot) throws Exception {
        RunsAreaTest.openWithShortcut(robot, "runs");
        @SuppressWarnings("unchecked")
        ListView<RunFormModel.SkillChoice> skills = robot.lookup("#run-skills").queryAs(ListView.class);
        waitUntil(() -> skills.getItems().stream()
                .map(RunFormModel.SkillChoice::skill)
                .toList()
                .containsAll(SKILLS));
        fx(() -> skills.getItems().stream()
                .filter(c -> SKILLS.contains(c.skill()))
                .forEach(c -> c.chosen().set(true)));
        robot.clickOn("#run-seeds-all");
        @SuppressWarnings("unchecked")
        ComboBox<String> endpoint = robot.lookup("#run-endpoint").queryAs(ComboBox.class);
        fx(() -> endpoint.setValue("local"));
        @SuppressWarnings("unchecked")
        Spinner<Integer> perSeed = robot.lookup("#run-per-seed").queryAs(Spinner.class);
        fx(() -> perSeed.getValueFactory().setValue(1));
        // 2 skills x 26 seeds, each: transformation + generation + 2 rounds x 2 + answer = 7 calls
        waitUntil(() -> label(robot, "#run-estimate")
                .getText()
                .startsWith("26 seeds → 52 passages → 52 instructions;" + " about 364 calls"));
        waitUntil(() -> !robot.lookup("#run-start").queryAs(Button.class).isDisabled());
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(
                120,
                TimeUnit.SECONDS,
                () -> label(robot, "#run-status").getText().equals("Status: completed"));
        assertThat(server.chatRequests()).hasSize(364);
        List<Long> ids = ui.workspace.instructions().ids(InstructionFilter.ALL);
        assertThat(ids).hasSize(52);
        Set<String> skillsMade = new HashSet<>();
        for (long id : ids) {
            Instruction i = ui.workspace.instructions().find(id).orElseThrow();
            assertThat(i.status()).isEqualTo(InstructionStatus.COMPLETE);
            assertThat(i.rounds()).hasSize(2);
            skillsMade.add(i.skill());
        }
        assertThat(skillsMade).containsExactlyInAnyOrderElementsOf(SKILLS);

        // Refinement: accept the first, reject the second, edit the third's last instruction.
        RunsAreaTest.openWithShortcut(robot, "refinement");
        waitUntil(() -> label(robot, "#refinement-position").getText().equals("1 of 52 · #" + ids.get(0))
                && !robot.lookup("#text-response").queryAll().isEmpty());
        // Accept and reject move on to the next instruction by themselves.
        robot.type(KeyCode.A);
        waitUntil(() -> ui.workspace
                        .instructions()
                        .find(ids.get(0))
                        .orElseThrow()
                        .review()
                        .decision()
                == Review.ACCEPTED);
        assertThat(ui.workspace
                        .instructions()
                        .find(ids.get(0))
                        .orElseThrow()
                        .review()
                        .acceptedRound())
                .isEqualTo(2);
        waitUntil(() -> label(robot, "#refinement-position").getText().equals("2 of 52 · #" + ids.get(1))
                && !robot.lookup("#text-response").queryAll().isEmpty());
        robot.type(KeyCode.R);
        waitUntil(() -> ui.workspace
                        .instructions()
                        .find(ids.get(1))
                        .orElseThrow()
                        .review()
                        .decision()
                == Review.REJECTED);
        waitUntil(() -> label(robot, "#refinement-position").getText().equals("3 of 52 · #" + ids.get(2))
                && !robot.lookup("#text-response").queryAll().isEmpty());
        robot.type(KeyCode.E);
        waitUntil(() -> !robot.lookup("#editor-edited-2").queryAll().isEmpty());
        TextArea editor = robot.lookup("#editor-edited-2").queryAs(TextArea.class);
        String modelText =
                ui.workspace.instructions().find(ids.get(2)).orElseThrow().instruction();
        assertThat(editor.getText()).isEqualTo(modelText);
        fx(() -> editor.setText("Rewrite the passage's second paragraph as a formal letter."));
        robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
        waitUntil(() -> !ui.workspace.instructions().humanEdits(ids.get(2)).isEmpty());
        HumanEdit edit = ui.workspace.instructions().humanEdits(ids.get(2)).get(0);
        robot.clickOn("#refinement-position"); // leave the text so Ctrl+Z is the area's, not the text field's
        assertThat(edit.target()).isEqualTo("round.2.edited");
        assertThat(edit.text()).isEqualTo("Rewrite the passage's second paragraph as a formal letter.");
        assertThat(ui.workspace.instructions().find(ids.get(2)).orElseThrow().instruction())
                .isEqualTo(modelText);

        // Ctrl+Z takes the edit back, then the reject; Ctrl+Shift+Z does the reject again.
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        waitUntil(() -> ui.workspace.instructions().humanEdits(ids.get(2)).isEmpty());
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        waitUntil(() -> ui.workspace
                        .instructions()
                        .find(ids.get(1))
                        .orElseThrow()
                        .review()
                        .decision()
                == Review.NONE);
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Z).release(KeyCode.Z, KeyCode.SHIFT, KeyCode.CONTROL);
        waitUntil(() -> ui.workspace
                        .instructions()
                        .find(ids.get(1))
                        .orElseThrow()
                        .review()
                        .decision()
                == Review.REJECTED);
        assertThat(ui.workspace
                        .instructions()
                        .find(ids.get(0))
                        .orElseThrow()
                        .review()
                        .decision())
                .isEqualTo(Review.ACCEPTED);

        // The Instructions area shows all 52 and the reviews.
        RunsAreaTest.openWithShortcut(robot, "instructions");
        waitUntil(() -> label(robot, "#instructions-total").getText().contains("52"));
        assertThat(ui.workspace.instructions().count(new InstructionFilter(null, null, null, "accepted", null)))
                .isEqualTo(1);
        assertThat(ui.workspace.instructions().count(new InstructionFilter(null, null, null, "rejected", null)))
                .isEqualTo(1);
    }

    private static Label label(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class);
    }
}
