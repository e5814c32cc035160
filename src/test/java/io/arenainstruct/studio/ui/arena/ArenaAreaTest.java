package io.arenainstruct.studio.ui.arena;

import static io.arenainstruct.studio.ui.UiHarness.fx;
import static io.arenainstruct.studio.ui.UiHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arenainstruct.studio.domain.arena.Battle;
import io.arenainstruct.studio.domain.arena.BattleFilter;
import io.arenainstruct.studio.domain.arena.BattleStatus;
import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.domain.arena.InstructionSelection;
import io.arenainstruct.studio.domain.arena.Outcome;
import io.arenainstruct.studio.service.arena.PairingStrategy;
import io.arenainstruct.studio.service.job.JobProgress;
import io.arenainstruct.studio.service.job.JobState;
import io.arenainstruct.studio.service.job.StageCount;
import io.arenainstruct.studio.service.task.Cancellation;
import io.arenainstruct.studio.service.task.ProgressListener;
import io.arenainstruct.studio.ui.UiHarness;
import io.arenainstruct.studio.ui.common.ReadOnlyText;
import io.arenainstruct.studio.ui.shell.Area;

/** The Arena area driven by keys through the shell: datasets imported, battles paged, filtered and read. */
@ExtendWith(ApplicationExtension.class)
class ArenaAreaTest {
    private static final ObjectMapper JSON = new ObjectMapper();

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

    /** Ctrl+digit of the Arena area, as a person opens it. */
    private static void open(FxRobot robot) {
        List<Area> areas = Area.registered();
        int index = 0;
        while (!areas.get(index).id().equals("arena")) {
            index++;
        }
        KeyCode digit = KeyCode.valueOf("DIGIT" + (index + 1));
        robot.press(KeyCode.CONTROL, digit).release(digit, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void press(FxRobot robot, KeyCode... keys) {
        robot.press(keys);
        for (int i = keys.length - 1; i >= 0; i--) {
            robot.release(keys[i]);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theArenaHardSampleIsImportedWithCtrlIAndABadFilesLinesAreListed(FxRobot robot) throws Exception {
        open(robot);
        waitUntil(() -> "arena".equals(ui.window.currentAreaId()));
        assertThat(tabs(robot).getSelectionModel().getSelectedItem().getText()).isEqualTo("Datasets");
        assertThat(tabs(robot).getTabs())
                .extracting(t -> t.getText())
                .startsWith("Datasets")
                .contains("Battles");

        ui.dialogs.files.add(ArenaFixture.sampleFiles());
        press(robot, KeyCode.CONTROL, KeyCode.I);
        waitUntil(() -> datasets(robot).getItems().size() == 1);
        assertThat(cell(datasets(robot), 0, "Name")).isEqualTo("arena-hard-v0.1");
        assertThat(cell(datasets(robot), 0, "Format")).isEqualTo("arena-hard");
        assertThat(cell(datasets(robot), 0, "Instructions")).isEqualTo(40);
        assertThat(cell(datasets(robot), 0, "Responses")).isEqualTo(80);
        waitUntil(() -> area(robot, "#dataset-report")
                .getText()
                .startsWith("imported 40 instructions, 80 responses," + " rejected 0\n"));

        // A file with a bad line, imported under a name typed into the name field.
        Path bad = tmp.resolve("with-bad-lines.jsonl");
        Files.writeString(bad, """
                {"prompt": "Explain recursion."}
                {"prompt": "Name three rivers."
                {"text": "Write a haiku."}
                """);
        robot.clickOn("#dataset-name");
        robot.write("Hand picked");
        waitUntil(() -> "Hand picked"
                .equals(robot.lookup("#dataset-name").queryAs(TextField.class).getText()));
        ui.dialogs.files.add(List.of(bad));
        press(robot, KeyCode.CONTROL, KeyCode.I);
        waitUntil(() -> datasets(robot).getItems().size() == 2);
        waitUntil(() -> area(robot, "#dataset-report").getText().contains("\n" + bad + ":2: not valid JSON"));
        String report = area(robot, "#dataset-report").getText();
        assertThat(report)
                .startsWith("imported 2 instructions, 0 responses, rejected 1\nRead as prompts (detected): " + bad);
        assertThat(cell(datasets(robot), 1, "Name")).isEqualTo("Hand picked");
        assertThat(cell(datasets(robot), 1, "Instructions")).isEqualTo(2);

        // The report is text a curator can select and copy.
        TextArea reportArea = area(robot, "#dataset-report");
        fx(reportArea::requestFocus);
        press(robot, KeyCode.CONTROL, KeyCode.A);
        waitUntil(() -> reportArea.getSelectedText().equals(report));
    }

    @Test
    void battlesArePagedFilteredByKeysAndTheSelectedOneIsReadInFull(FxRobot robot) throws Exception {
        ui.workspace
                .datasets()
                .importFiles(ArenaFixture.sampleFiles(), null, null, null, ProgressListener.NONE, Cancellation.NEVER);
        assertThat(ui.workspace
                        .battles()
                        .create(PairingStrategy.parse("baseline:gpt-4-0314"), InstructionSelection.all(), List.of())
                        .created())
                .isEqualTo(40);
        List<Battle> sample = ui.workspace.battles().page(BattleFilter.ALL, 0, 40);
        ArenaFixture arena = new ArenaFixture(ui.workspace);
        arena.judged(
                sample.get(0).id(),
                "judge-x",
                GradedLabel.A_BETTER,
                GradedLabel.B_MUCH_BETTER,
                GradedLabel.A_MUCH_BETTER,
                BattleStatus.JUDGED,
                false);
        arena.judged(
                sample.get(1).id(),
                "judge-x",
                GradedLabel.A_BETTER,
                GradedLabel.A_BETTER,
                GradedLabel.TIE,
                BattleStatus.DISPUTED,
                true);
        arena.battles(150);

        open(robot);
        waitUntil(() -> "arena".equals(ui.window.currentAreaId()));
        // Ctrl+Tab twice: the next tabs, Answers then Battles.
        fx(() -> robot.lookup("#dataset-table").query().requestFocus());
        press(robot, KeyCode.CONTROL, KeyCode.TAB);
        waitUntil(() -> "Answers"
                .equals(tabs(robot).getSelectionModel().getSelectedItem().getText()));
        press(robot, KeyCode.CONTROL, KeyCode.TAB);
        waitUntil(() -> "Battles"
                .equals(tabs(robot).getSelectionModel().getSelectedItem().getText()));
        waitUntil(() -> battles(robot).getItems().size() == 100);
        waitUntil(() -> label(robot, "#battle-page").equals("Battles 1–100 of 190"));
        JsonNode first = JSON.readTree(Files.readAllLines(ArenaFixture.SAMPLE.resolve("question.jsonl"))
                .get(0));
        String firstPrompt = first.get("prompt").asText();
        assertThat((String) cell(battles(robot), 0, "Instruction"))
                .isEqualTo(firstPrompt
                        .substring(0, Math.min(200, firstPrompt.length()))
                        .replace('\n', ' '));
        assertThat(cell(battles(robot), 0, "Model A")).isEqualTo("gpt-4-0314");
        assertThat(cell(battles(robot), 0, "Model B")).isEqualTo("gpt-3.5-turbo-0125");
        assertThat(cell(battles(robot), 0, "Category"))
                .isEqualTo(first.get("cluster").asText());
        assertThat(cell(battles(robot), 0, "Status")).isEqualTo("judged");
        assertThat(cell(battles(robot), 0, "Verdicts")).isEqualTo("judge-x: A>>B");
        assertThat(cell(battles(robot), 1, "Verdicts")).isEqualTo("judge-x: A=B · inconsistent");

        // Alt+Page Down / Alt+Page Up: the next and the previous page.
        press(robot, KeyCode.ALT, KeyCode.PAGE_DOWN);
        waitUntil(() -> label(robot, "#battle-page").equals("Battles 101–190 of 190"));
        assertThat(battles(robot).getItems()).hasSize(90);
        assertThat(cell(battles(robot), 89, "Instruction")).isEqualTo("Prompt 150");
        press(robot, KeyCode.ALT, KeyCode.PAGE_UP);
        waitUntil(() -> label(robot, "#battle-page").equals("Battles 1–100 of 190"));

        // Ctrl+F: the status filter; F4 opens it, Down twice and Enter choose "judged".
        press(robot, KeyCode.CONTROL, KeyCode.F);
        waitUntil(() -> combo(robot, "#battle-filter-status").isFocused());
        choose(robot, "#battle-filter-status", "judged");
        waitUntil(() -> battles(robot).getItems().size() == 1
                && label(robot, "#battle-page").equals("1 battle"));
        choose(robot, "#battle-filter-status", "disputed");
        waitUntil(() -> battles(robot).getItems().size() == 1
                && battles(robot).getItems().get(0).id() == sample.get(1).id());
        choose(robot, "#battle-filter-status", "Any status");
        waitUntil(() -> battles(robot).getItems().size() == 100);
        // The model filter is the next control: Tab, then the baseline's rival.
        press(robot, KeyCode.TAB);
        waitUntil(() -> combo(robot, "#battle-filter-model").isFocused());
        assertThat(combo(robot, "#battle-filter-model").getItems())
                .containsExactly("All models", "gpt-3.5-turbo-0125", "gpt-4-0314", "m1", "m2");
        choose(robot, "#battle-filter-model", "gpt-3.5-turbo-0125");
        waitUntil(() -> label(robot, "#battle-page").equals("Battles 1–40 of 40"));
        assertThat(combo(robot, "#battle-filter-judge").getItems()).containsExactly("Any judge", "judge-x");

        // The first battle in full: instruction, both answers side by side, every verdict.
        fx(() -> battles(robot).requestFocus());
        press(robot, KeyCode.HOME);
        waitUntil(() -> battles(robot).getSelectionModel().getSelectedIndex() == 0);
        String uid = first.get("uid").asText();
        String answerA = answer("gpt-4-0314.jsonl", uid);
        String answerB = answer("gpt-3.5-turbo-0125.jsonl", uid);
        waitUntil(() -> area(robot, "#battle-answer-a").getText().equals(answerA));
        assertThat(area(robot, "#battle-answer-b").getText()).isEqualTo(answerB);
        assertThat(area(robot, "#battle-instruction").getText()).isEqualTo(firstPrompt);
        assertThat(label(robot, "#battle-answer-a-heading")).isEqualTo("A: gpt-4-0314");
        assertThat(label(robot, "#battle-answer-b-heading")).isEqualTo("B: gpt-3.5-turbo-0125");
        assertThat(label(robot, "#battle-detail-title"))
                .startsWith("Battle " + sample.get(0).id() + " · gpt-4-0314 (A) vs gpt-3.5-turbo-0125 (B) · "
                        + first.get("cluster").asText() + " · judged");
        // Game 2 saw B first and wrote B>>A, about the order it saw: un-swapped, A>>B.
        assertThat(area(robot, "#battle-verdicts").getText())
                .startsWith("3 verdicts (A = gpt-4-0314, B = gpt-3.5-turbo-0125)\n")
                .contains("judge-x, game 1 (A shown first): wrote [[A>B]], un-swapped A>B → A wins (gpt-4-0314)")
                .contains("judge-x, game 2 (B shown first): wrote [[B>>A]], un-swapped A>>B → A wins (gpt-4-0314)")
                .contains("judge-x, both games combined: A>>B → A wins (gpt-4-0314)")
                .contains("── judge-x, game 2 (B shown first) ──\nGame two says [[B>>A]]");

        // A verdict stored while the tab shows reaches it through the arena jobs' events, without F5.
        arena.human(sample.get(0).id(), "alice", Outcome.B, BattleStatus.ADJUDICATED);
        ui.workspace.arenaJobs().progress(77, judging(1));
        waitUntil(() -> area(robot, "#battle-verdicts").getText().contains("\nalice (person): B wins"));
        waitUntil(() -> "adjudicated".equals(cell(battles(robot), 0, "Status")));
        assertThat(battles(robot).getSelectionModel().getSelectedItem().id())
                .isEqualTo(sample.get(0).id());
    }

    @Test
    void modelOutputIsShownAsPlainTextWithItsDirectionControlsMarked(FxRobot robot) throws Exception {
        String prompt = "Say hello\nin <b>bold</b>";
        String hostile = "<script>alert(1)</script> **done** \u202Eevil\u202C";
        new ArenaFixture(ui.workspace).battle(prompt, "m-\u202Eright", hostile, "m2", "# Title\n```js\nx()\n```");

        open(robot);
        waitUntil(() -> "arena".equals(ui.window.currentAreaId()));
        fx(() -> robot.lookup("#dataset-table").query().requestFocus());
        press(robot, KeyCode.CONTROL, KeyCode.TAB);
        waitUntil(() -> "Answers"
                .equals(tabs(robot).getSelectionModel().getSelectedItem().getText()));
        press(robot, KeyCode.CONTROL, KeyCode.TAB);
        waitUntil(() -> battles(robot).getItems().size() == 1);
        assertThat(cell(battles(robot), 0, "Instruction")).isEqualTo("Say hello in <b>bold</b>");
        assertThat(cell(battles(robot), 0, "Model A")).isEqualTo("m-[U+202E]right");
        fx(() -> battles(robot).requestFocus());
        press(robot, KeyCode.HOME);
        // Text with direction controls is laid out in pieces; each piece shows them as marks.
        waitUntil(() -> robot.lookup("#battle-answer-a-pieces").tryQuery().isPresent()
                && shown(robot.lookup("#battle-answer-a-pieces").query()).contains("evil"));
        ReadOnlyText answer =
                (ReadOnlyText) robot.lookup("#battle-answer-a-pieces").query().getParent();
        assertThat(answer.getText()).as("kept as stored").isEqualTo(hostile);
        assertThat(shown(robot.lookup("#battle-answer-a-pieces").query()))
                .isEqualTo("<script>alert(1)</script> **done** [U+202E]evil[U+202C]");
        assertThat(area(robot, "#battle-answer-b").getText()).isEqualTo("# Title\n```js\nx()\n```");
        assertThat(area(robot, "#battle-instruction").getText()).isEqualTo(prompt);
        assertThat(label(robot, "#battle-answer-a-heading")).isEqualTo("A: m-[U+202E]right");
        assertThat(robot.lookup(".web-view").tryQuery()).isEmpty();
    }

    /** The text a node's text nodes show, in order. */
    private static String shown(Node node) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
                    StringBuilder b = new StringBuilder();
                    collect(node, b);
                    return b.toString();
                })
                .get(5, TimeUnit.SECONDS);
    }

    private static void collect(Node node, StringBuilder b) {
        if (node instanceof Text t && t.isVisible()) {
            b.append(t.getText());
        }
        if (node instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> collect(c, b));
        }
    }

    private static JobProgress<String> judging(int done) {
        return new JobProgress<>(
                JobState.RUNNING,
                List.of(new StageCount<>("judge", 10, done, 0)),
                done,
                0,
                0,
                0,
                null,
                Duration.ZERO,
                0,
                null);
    }

    /** The model's answer to the question, read from the sample file. */
    private static String answer(String file, String uid) throws Exception {
        for (String line : Files.readAllLines(ArenaFixture.SAMPLE.resolve(file))) {
            JsonNode n = JSON.readTree(line);
            if (n.get("uid").asText().equals(uid)) {
                JsonNode messages = n.get("messages");
                return messages.get(messages.size() - 1)
                        .get("content")
                        .get("answer")
                        .asText();
            }
        }
        throw new AssertionError("no answer to " + uid + " in " + file);
    }

    /** Chooses a filter's value by keys: focus, F4 opens it, arrows to the value, Enter. */
    private static void choose(FxRobot robot, String query, String value) throws Exception {
        ComboBox<String> box = combo(robot, query);
        if (!box.isFocused()) {
            fx(box::requestFocus);
        }
        int from = box.getItems().indexOf(box.getValue());
        int to = box.getItems().indexOf(value);
        assertThat(to).as(value + " in " + box.getItems()).isNotNegative();
        press(robot, KeyCode.F4);
        waitUntil(box::isShowing);
        for (int i = from; i < to; i++) {
            press(robot, KeyCode.DOWN);
        }
        for (int i = from; i > to; i--) {
            press(robot, KeyCode.UP);
        }
        press(robot, KeyCode.ENTER);
        waitUntil(() -> value.equals(box.getValue()) && !box.isShowing());
    }

    private static TabPane tabs(FxRobot robot) {
        return robot.lookup("#arena-tabs").queryAs(TabPane.class);
    }

    @SuppressWarnings("unchecked")
    private static TableView<Object> datasets(FxRobot robot) {
        return robot.lookup("#dataset-table").queryAs(TableView.class);
    }

    @SuppressWarnings("unchecked")
    private static TableView<BattlesViewModel.Row> battles(FxRobot robot) {
        return robot.lookup("#battle-table").queryAs(TableView.class);
    }

    private static Object cell(TableView<?> table, int row, String column) {
        return table.getColumns().stream()
                .filter(c -> c.getText().equals(column))
                .findFirst()
                .orElseThrow()
                .getCellData(row);
    }

    @SuppressWarnings("unchecked")
    private static ComboBox<String> combo(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(ComboBox.class);
    }

    private static TextArea area(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(TextArea.class);
    }

    private static String label(FxRobot robot, String query) {
        Node n = robot.lookup(query).query();
        return ((Label) n).getText();
    }
}
