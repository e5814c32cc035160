package io.arenainstruct.studio.ui.instructions;

import static io.arenainstruct.studio.ui.UiHarness.fx;
import static io.arenainstruct.studio.ui.UiHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
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

import io.arenainstruct.studio.domain.run.Instruction;
import io.arenainstruct.studio.domain.run.InstructionFilter;
import io.arenainstruct.studio.domain.run.RunConfig;
import io.arenainstruct.studio.domain.run.RunStatus;
import io.arenainstruct.studio.domain.run.SeedSelection;
import io.arenainstruct.studio.service.llm.KeyResolver;
import io.arenainstruct.studio.service.llm.RetryPolicy;
import io.arenainstruct.studio.service.run.RunFixture;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.testserver.FakeModelServer;
import io.arenainstruct.studio.testserver.SchemaReplies;
import io.arenainstruct.studio.ui.UiHarness;
import io.arenainstruct.studio.ui.shell.Area;

/** The Instructions area over a real run's instructions, and over 100,000 rows written straight to the store. */
@ExtendWith(ApplicationExtension.class)
class InstructionsAreaTest {
    private static final RetryPolicy QUICK = RunFixture.QUICK_RETRIES;

    @TempDir
    Path tmp;

    private FakeModelServer server;
    private UiHarness ui;

    @Start
    void start(Stage stage) {
        server = FakeModelServer.start().replyWith(SchemaReplies.fill());
        KeyResolver keys = new KeyResolver(tmp.resolve("home/secrets.properties"), new HashMap<String, String>()::get);
        ui = new UiHarness(tmp.resolve("store"), false, keys, QUICK);
        RunFixture.install(ui.workspace, server.openAiBaseUrl(), 3, 4);
        ui.show(stage);
        ui.window.select("seeds");
    }

    @AfterEach
    void tearDown() {
        ui.close();
        server.close();
    }

    private static RunConfig config() {
        return RunConfig.of(List.of(RunFixture.SKILL), SeedSelection.all(), "local")
                .withPerSeed(2);
    }

    private static void open(FxRobot robot) {
        List<Area> areas = Area.registered();
        int index = 0;
        while (!areas.get(index).id().equals("instructions")) {
            index++;
        }
        KeyCode digit = KeyCode.valueOf("DIGIT" + (index + 1));
        robot.press(KeyCode.CONTROL, digit).release(digit, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aRunsInstructionsAreListedFilteredAndShownInFullWithProvenance(FxRobot robot) throws Exception {
        long runId = ui.workspace.runs().start(config()).run() == RunStatus.COMPLETED ? 1 : -1;
        assertThat(runId).isEqualTo(1);
        // One instruction failed at the answer: no response, with a reason.
        long failedId =
                ui.workspace.instructions().ids(InstructionFilter.ofRun(1)).get(0);
        WorkspaceRepositories.store(ui.workspace).write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE instruction SET response = NULL, status = 'failed',"
                    + " failed_stage = 'answer', error_class = 'TIMEOUT', error_message = 'no reply in time'"
                    + " WHERE id = ?")) {
                ps.setLong(1, failedId);
                return ps.executeUpdate();
            }
        });

        open(robot);
        assertThat(ui.window.currentAreaId()).isEqualTo("instructions");
        waitUntil(() -> table(robot).getItems().size() == 6 && loadedRows(robot) == 6);
        assertThat(text(robot, "#instructions-total")).isEqualTo("6 instructions");
        assertThat(cell(robot, 0, "Skill")).as("skills by name").isEqualTo("Test skill");
        fx(() -> combo(robot, "#instructions-filter-skill").setValue(RunFixture.SKILL));
        assertThat(combo(robot, "#instructions-filter-skill").getButtonCell().getText())
                .isEqualTo("Test skill");
        fx(() -> combo(robot, "#instructions-filter-skill").setValue("All skills"));
        // each filter change reloads the rows: wait until the first one is loaded again (on the FX thread)
        waitUntil(() -> table(robot).getItems().size() == 6
                && "Questions"
                        .equals(table(robot).getColumns().stream()
                                .filter(c -> c.getText().equals("Category"))
                                .findFirst()
                                .orElseThrow()
                                .getCellData(0)));
        assertThat(combo(robot, "#instructions-filter-run").getItems()).containsExactly("All runs", "Run 1");

        fx(() -> combo(robot, "#instructions-filter-status").setValue("failed"));
        waitUntil(() -> table(robot).getItems().size() == 1 && loadedRows(robot) == 1);
        assertThat(cell(robot, 0, "Id")).isEqualTo(failedId);
        fx(() -> combo(robot, "#instructions-filter-status").setValue("complete"));
        waitUntil(() -> table(robot).getItems().size() == 5 && loadedRows(robot) == 5);
        fx(() -> combo(robot, "#instructions-filter-status").setValue("Any status"));
        fx(() -> combo(robot, "#instructions-filter-answer").setValue("Not answered"));
        waitUntil(() -> table(robot).getItems().size() == 1 && loadedRows(robot) == 1);
        assertThat(cell(robot, 0, "Answered")).isEqualTo("no");
        fx(() -> combo(robot, "#instructions-filter-answer").setValue("Answered"));
        waitUntil(() -> table(robot).getItems().size() == 5 && loadedRows(robot) == 5);
        fx(() -> combo(robot, "#instructions-filter-run").setValue("Run 1"));
        waitUntil(() -> table(robot).getItems().size() == 5 && loadedRows(robot) == 5);

        // Selecting a row shows the instruction in full and where it came from.
        long shownId = (Long) cell(robot, 0, "Id");
        Instruction full = ui.workspace.instructions().find(shownId).orElseThrow();
        robot.clickOn(row(robot, 0));
        waitUntil(() -> area(robot, "#instruction-text")
                .getText()
                .startsWith("Final text: last round 2\n\nInstruction\n" + full.instruction()));
        assertThat(area(robot, "#instruction-text").getText())
                .contains("Response\n" + full.response())
                .contains("Round 2 edit\n" + full.rounds().get(1).edited());
        String provenance = area(robot, "#instruction-provenance").getText();
        assertThat(provenance)
                .startsWith("Run 1 · seed " + full.seedId())
                .contains("Generator: asker, prompt version 1")
                .contains("Endpoint: local · model: test-model")
                .contains("Ledger calls: " + full.generator().callId() + ", ")
                .contains("Status: complete · rounds 2 of 2");
        assertThat(text(robot, "#instruction-detail-title"))
                .isEqualTo("Instruction " + shownId + " · complete · run 1");

        // The failed one tells why.
        fx(() -> combo(robot, "#instructions-filter-answer").setValue("Answered or not"));
        fx(() -> combo(robot, "#instructions-filter-status").setValue("failed"));
        waitUntil(() -> table(robot).getItems().size() == 1 && loadedRows(robot) == 1);
        robot.clickOn(row(robot, 0));
        waitUntil(() -> area(robot, "#instruction-provenance")
                .getText()
                .contains("Error: Answer failed, TIMEOUT: no reply in time"));
        assertThat(area(robot, "#instruction-text").getText()).contains("Response\n(not answered yet)");

        // Ctrl+F moves to the filters. (Focus the table without a second click: two clicks on one row in a
        // moment are a double click, which opens the Refinement area.)
        fx(() -> table(robot).requestFocus());
        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        waitUntil(() -> combo(robot, "#instructions-filter-run").isFocused());
    }

    @Test
    void theEditedFilterFoundByKeyboardListsHandEditedOnesAndTheDetailShowsTheFinalText(FxRobot robot)
            throws Exception {
        assertThat(ui.workspace.runs().start(config()).run()).isEqualTo(RunStatus.COMPLETED);
        List<Long> ids = ui.workspace.instructions().ids(InstructionFilter.ALL);
        long editedId = ids.get(3);
        Instruction model = ui.workspace.instructions().find(editedId).orElseThrow();
        ui.workspace
                .instructions()
                .edit(editedId, "round.2.edited", "Name the town.", "The town lay by a river.", "ana");
        ui.workspace.instructions().edit(editedId, "response", "Riverton.", "ana");
        open(robot);
        waitUntil(() -> table(robot).getItems().size() == 6 && loadedRows(robot) == 6);

        // Ctrl+F goes to the filters; Tab on to "Edited by hand"; Space turns it on.
        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        waitUntil(() -> combo(robot, "#instructions-filter-run").isFocused());
        CheckBox edited = robot.lookup("#instructions-filter-edited").queryAs(CheckBox.class);
        for (int tabs = 0;
                tabs < 12 && !WaitForAsyncUtils.asyncFx(edited::isFocused).get(5, TimeUnit.SECONDS);
                tabs++) {
            robot.type(KeyCode.TAB);
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertThat(edited.isFocused()).as("Tab reaches the edited filter").isTrue();
        robot.type(KeyCode.SPACE);
        waitUntil(() -> table(robot).getItems().size() == 1 && loadedRows(robot) == 1);
        assertThat(cell(robot, 0, "Id")).isEqualTo(editedId);

        // Its detail leads with the text a dataset takes: the hand edit, instruction and input apart.
        robot.clickOn(row(robot, 0));
        waitUntil(() -> area(robot, "#instruction-text")
                .getText()
                .startsWith("Final text: hand edit of round 2 by"
                        + " ana; response edited by hand by ana\n\nInstruction\nName the town.\n\nInput\nThe town "
                        + "lay by a"
                        + " river.\n\nResponse\nRiverton.\n\n"));
        assertThat(area(robot, "#instruction-text").getText())
                .contains("The models' instruction\n" + model.instruction())
                .contains("The models' response\n" + model.response());
        assertThat(text(robot, "#instruction-detail-title")).endsWith(" · edited by hand");

        // Space again: all six.
        fx(edited::requestFocus);
        robot.type(KeyCode.SPACE);
        waitUntil(() -> table(robot).getItems().size() == 6);
    }

    @Test
    void aHundredThousandInstructionsAreCountedAndReadOnlyPageByPageAsTheyScrollIntoView(FxRobot robot)
            throws Exception {
        long runId = ui.workspace.runs().start(config()).runId();
        WorkspaceRepositories.store(ui.workspace).write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE run SET status = 'completed' WHERE id = ?")) {
                ps.setLong(1, runId);
                ps.executeUpdate();
            }
            Timestamp now = Timestamp.from(Instant.parse("2026-11-20T10:00:00Z"));
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO instruction (run_id, skill, seed_id, passage_id,"
                            + " slot, category, subcategory, rounds_planned, rounds_done, instruction, response, "
                            + "status,"
                            + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 2, 2, ?, ?, ?, ?)")) {
                for (int i = 0; i < 100_000; i++) {
                    ps.setLong(1, runId);
                    ps.setString(2, "bulk-skill");
                    ps.setLong(3, 1 + i % 3);
                    ps.setLong(4, 1);
                    ps.setInt(5, i);
                    ps.setString(6, i % 2 == 0 ? "Even" : "Odd");
                    ps.setString(7, null);
                    ps.setString(8, "Bulk instruction " + i);
                    ps.setString(9, i % 4 == 0 ? null : "answer " + i);
                    ps.setString(10, i % 4 == 0 ? "pending" : "complete");
                    ps.setTimestamp(11, now);
                    ps.addBatch();
                    if (i % 5_000 == 4_999) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            return null;
        });

        open(robot);
        waitLong(() -> text(robot, "#instructions-total").equals("100,000 instructions"));
        waitLong(() -> table(robot).getItems().size() == 100_000
                && slot(robot, 0).row().get() != null);
        assertThat(slot(robot, 0).row().get().instructionStart()).isEqualTo("Bulk instruction 0");
        assertThat(loadedRows(robot)).as("only the first page is read").isEqualTo(InstructionsViewModel.PAGE_SIZE);

        // Scrolling far reads just the pages shown; old pages are dropped.
        for (int target : new int[] {99_999, 50_000, 12_345, 70_001, 400, 88_888, 99_999}) {
            fx(() -> table(robot).scrollTo(target));
            waitLong(() -> slot(robot, target).row().get() != null);
            assertThat(slot(robot, target).row().get().instructionStart()).isEqualTo("Bulk instruction " + target);
            assertThat(loadedRows(robot))
                    .isLessThanOrEqualTo(InstructionsViewModel.PAGES_KEPT * InstructionsViewModel.PAGE_SIZE);
        }

        // A filter counts again without reading every row.
        fx(() -> combo(robot, "#instructions-filter-answer").setValue("Not answered"));
        waitLong(() -> text(robot, "#instructions-total").equals("25,000 instructions")
                && slot(robot, 0).row().get() != null);
        assertThat(slot(robot, 0).row().get().hasAnswer()).isFalse();
        assertThat(loadedRows(robot)).isLessThanOrEqualTo(2 * InstructionsViewModel.PAGE_SIZE);
    }

    /** Counting and sorting 100,000 rows on two shared cores: up to 60 s. */
    private static void waitLong(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            try {
                return WaitForAsyncUtils.asyncFx(condition).get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                return false;
            }
        });
    }

    private InstructionsViewModel model() {
        return ((InstructionsView) ui.window.view("instructions").orElseThrow()).model();
    }

    /**
     * The rows loaded, or -1 while a reload is on its way: a filter change starts one at once (on the FX thread),
     * so a wait for a count cannot be satisfied by the rows of the previous filter.
     */
    private int loadedRows(FxRobot robot) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> model().loading().get() ? -1 : model().loadedRows())
                .get(5, TimeUnit.SECONDS);
    }

    private static InstructionsViewModel.Slot slot(FxRobot robot, int index) {
        return table(robot).getItems().get(index);
    }

    private static Object cell(FxRobot robot, int index, String column) throws Exception {
        TableView<InstructionsViewModel.Slot> t = table(robot);
        return WaitForAsyncUtils.asyncFx(() -> t.getColumns().stream()
                        .filter(c -> c.getText().equals(column))
                        .findFirst()
                        .orElseThrow()
                        .getCellData(index))
                .get(5, TimeUnit.SECONDS);
    }

    private static TableRow<?> row(FxRobot robot, int index) {
        return robot.lookup("#instructions-table .table-row-cell")
                .match((TableRow<?> r) -> r.getIndex() == index && r.getItem() != null)
                .queryAs(TableRow.class);
    }

    @SuppressWarnings("unchecked")
    private static TableView<InstructionsViewModel.Slot> table(FxRobot robot) {
        return robot.lookup("#instructions-table").queryAs(TableView.class);
    }

    @SuppressWarnings("unchecked")
    private static ComboBox<String> combo(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(ComboBox.class);
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    private static TextArea area(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(TextArea.class);
    }
}
