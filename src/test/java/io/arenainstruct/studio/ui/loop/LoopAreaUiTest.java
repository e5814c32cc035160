package io.arenainstruct.studio.ui.loop;

import static io.arenainstruct.studio.service.loop.LoopFixture.INFERENTIAL;
import static io.arenainstruct.studio.service.loop.LoopFixture.LITERAL;
import static io.arenainstruct.studio.service.loop.LoopFixture.SKILL;
import static io.arenainstruct.studio.ui.UiHarness.waitUntil;
import static io.arenainstruct.studio.ui.loop.LoopViewModelTest.GOAL_LITERAL;
import static io.arenainstruct.studio.ui.loop.LoopViewModelTest.GOAL_TO;
import static io.arenainstruct.studio.ui.loop.LoopViewModelTest.ROUNDS_LITERAL;
import static io.arenainstruct.studio.ui.loop.LoopViewModelTest.WEIGHT_INFERENTIAL;
import static io.arenainstruct.studio.ui.loop.LoopViewModelTest.WEIGHT_LITERAL;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
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

import io.arenainstruct.studio.ui.UiHarness;
import io.arenainstruct.studio.ui.loop.LoopViewModel.EvidenceRow;
import io.arenainstruct.studio.ui.loop.LoopViewModel.IterationRow;
import io.arenainstruct.studio.ui.loop.LoopViewModel.ProposalRow;

/**
 * The Loop area driven by keys (and a click where a person would click) on the store {@link LoopViewModelTest}
 * plants: two iterations, a weak category (Inferential: T loses 15 of 20) and an easy one (Literal: 20 ties), so
 * four proposals: weight Inferential 1.0 → 1.38, weight Literal 1.0 → 0.63, rounds 2 → 3, and a harder goal for
 * Literal in the suggester's prompt.
 */
@ExtendWith(ApplicationExtension.class)
class LoopAreaUiTest {
    @TempDir
    Path tmp;

    private UiHarness ui;

    @Start
    void start(Stage stage) {
        ui = new UiHarness(tmp.resolve("store"), false);
        LoopViewModelTest.plantTwoIterations(ui.workspace);
        ui.show(stage);
        ui.window.select("seeds");
    }

    @AfterEach
    void tearDown() {
        ui.close();
    }

    @Test
    void twoOfFourProposalsTickedByKeysAreAcceptedAndTheDashboardShowsBothIterations(FxRobot robot) throws Exception {
        // the pointer parked off the controls (a tooltip under it can take the window's focus in Monocle)
        robot.moveTo(new Point2D(2, 2));
        press(robot, KeyCode.CONTROL, KeyCode.G);
        waitUntil(() -> "loop".equals(ui.window.currentAreaId()));

        // the dashboard: two iterations, a rating point and a win-rate point for each
        @SuppressWarnings("unchecked")
        TableView<IterationRow> iterations = robot.lookup("#loop-iterations").queryAs(TableView.class);
        waitUntil(() -> iterations.getItems().size() == 2);
        waitUntil(() -> points(robot, "#loop-rating-chart") == 2 && points(robot, "#loop-win-rate-chart") == 2);
        assertThat(iterations.getItems().get(0).target().winRate()).isEqualTo(0.25);
        assertThat(iterations.getItems().get(1).target().winRate()).isEqualTo(0.5);
        @SuppressWarnings("unchecked")
        TableView<String> categories = robot.lookup("#loop-category-table").queryAs(TableView.class);
        waitUntil(() -> categories.getItems().equals(List.of(INFERENTIAL, LITERAL)));

        // the area gives the iterations table the keys on opening; Ctrl+Tab to the proposals, whose table takes them
        waitUntil(iterations::isFocused);
        press(robot, KeyCode.CONTROL, KeyCode.TAB);
        TabPane tabs = robot.lookup("#loop-area .tab-pane").queryAs(TabPane.class);
        waitUntil(() -> tabs.getSelectionModel().getSelectedItem().getId().equals("loop-proposals-tab"));
        @SuppressWarnings("unchecked")
        TableView<ProposalRow> proposals = robot.lookup("#loop-proposals").queryAs(TableView.class);
        waitUntil(() -> proposals.getItems().size() == 4);
        waitUntil(proposals::isFocused);
        assertThat(proposals.getItems())
                .extracting(r -> r.proposal().id())
                .containsExactly(WEIGHT_INFERENTIAL, WEIGHT_LITERAL, ROUNDS_LITERAL, GOAL_LITERAL);
        assertThat(proposals.getItems()).noneMatch(r -> r.ticked().get());
        // the goal's row: its kind, its change on one line (a row as tall as the others) with the whole in a tooltip
        assertThat(((TableCell<?, ?>) kindCell(robot, 3)).getText()).isEqualTo("goal");
        TableCell<?, ?> goalChange = cell(robot, 3, "Change");
        assertThat(goalChange.getText()).isEqualTo("suggester v1 → " + GOAL_TO);
        assertThat(goalChange.getTooltip().getText()).isEqualTo("suggester v1 → " + GOAL_TO);
        assertThat(goalChange.isWrapText()).isFalse();
        assertThat(row(robot, 3).getHeight()).isEqualTo(row(robot, 0).getHeight());

        // the first proposal is selected, its battles below; Space ticks it, Enter opens its battles, Esc comes back
        waitUntil(() -> proposals.getFocusModel().getFocusedIndex() == 0
                && proposals.getSelectionModel().getSelectedIndex() == 0);
        press(robot, KeyCode.SPACE);
        waitUntil(() -> proposals.getItems().get(0).ticked().get());
        @SuppressWarnings("unchecked")
        TableView<EvidenceRow> evidence = robot.lookup("#loop-evidence").queryAs(TableView.class);
        waitUntil(() -> evidence.getItems().size() == 20);
        press(robot, KeyCode.ENTER);
        waitUntil(evidence::isFocused);
        assertThat(evidence.getItems().stream().filter(e -> e.decision().equals("T lost (judge)")))
                .hasSize(15);
        press(robot, KeyCode.ESCAPE);
        waitUntil(proposals::isFocused);
        // two down to the rounds proposal, Space ticks it
        press(robot, KeyCode.DOWN);
        press(robot, KeyCode.DOWN);
        waitUntil(() -> proposals.getFocusModel().getFocusedIndex() == 2);
        press(robot, KeyCode.SPACE);
        waitUntil(() -> proposals.getItems().get(2).ticked().get());
        assertThat(proposals.getItems().get(1).ticked().get()).isFalse();

        // Ctrl+Enter accepts (the confirmation answered yes)
        press(robot, KeyCode.CONTROL, KeyCode.ENTER);
        waitUntil(() -> label(robot, "#loop-accept-message").startsWith("Accepted 2 in iteration 2"));
        assertThat(ui.dialogs.confirms).singleElement().asString().contains("Accept 2 of 4 proposals for T");
        assertThat(LoopViewModelTest.weight(ui.workspace, INFERENTIAL)).isEqualTo(1.38);
        assertThat(LoopViewModelTest.weight(ui.workspace, LITERAL)).isEqualTo(1.0);
        assertThat(ui.workspace.flows().find(SKILL).orElseThrow().rounds()).isEqualTo(3);
        assertThat(LoopViewModelTest.recorded(ui.workspace, 2))
                .isEqualTo(Map.of(
                        WEIGHT_INFERENTIAL, true, WEIGHT_LITERAL, false, ROUNDS_LITERAL, true, GOAL_LITERAL, false));
        // the list read again: Literal's weight shows it was passed over
        waitUntil(() -> proposals.getItems().stream()
                .anyMatch(r -> r.proposal().id().equals(WEIGHT_LITERAL) && "not accepted".equals(r.decidedText())));

        // Ctrl+Z (Edit › Undo) undoes the acceptance after a confirmation naming it; the proposals are open again
        waitUntil(() -> !robot.lookup("#loop-undo-accept").queryAs(Button.class).isDisabled());
        robot.clickOn(kindCell(robot, 0));
        robot.moveTo(new Point2D(2, 2));
        waitUntil(proposals::isFocused);
        press(robot, KeyCode.CONTROL, KeyCode.Z);
        waitUntil(() -> label(robot, "#loop-accept-message").startsWith("Undid the acceptance of iteration 2"));
        assertThat(ui.dialogs.confirms.get(1)).startsWith("Undo acceptance: Undo the acceptance of iteration 2 for T");
        assertThat(LoopViewModelTest.weight(ui.workspace, INFERENTIAL)).isEqualTo(1.0);
        assertThat(ui.workspace.flows().find(SKILL).orElseThrow().rounds()).isEqualTo(2);
        waitUntil(() -> proposals.getItems().stream()
                .filter(r -> r.proposal().id().equals(WEIGHT_INFERENTIAL))
                .anyMatch(
                        r -> r.proposal().to().equals("1.38") && r.decidedText().isEmpty()));
    }

    /** A click on a proposal's box ticks it, as Space does. */
    @Test
    void aClickOnTheBoxTicksTheProposal(FxRobot robot) throws Exception {
        robot.moveTo(new Point2D(2, 2));
        press(robot, KeyCode.CONTROL, KeyCode.G);
        waitUntil(() -> "loop".equals(ui.window.currentAreaId()));
        robot.clickOn("Proposals");
        @SuppressWarnings("unchecked")
        TableView<ProposalRow> proposals = robot.lookup("#loop-proposals").queryAs(TableView.class);
        waitUntil(() -> proposals.getItems().size() == 4);
        // the second row's box (rows are reused cells: found by their index, not their order)
        Node box = robot.from(row(robot, 1)).lookup(".check-box").query();
        robot.clickOn(box);
        waitUntil(() -> proposals.getItems().get(1).ticked().get());
        assertThat(proposals.getItems().get(0).ticked().get()).isFalse();
        assertThat(proposals.getItems().get(2).ticked().get()).isFalse();
    }

    /** The proposals' row showing item {@code index} (rows are reused cells: found by their index). */
    private static TableRow<?> row(FxRobot robot, int index) {
        return robot.lookup("#loop-proposals .table-row-cell")
                .match((TableRow<?> r) -> r.getIndex() == index)
                .query();
    }

    /** The row's Kind cell: a click there selects the row without ticking it or opening a reason's tooltip. */
    private static Node kindCell(FxRobot robot, int index) {
        return cell(robot, index, "Kind");
    }

    private static TableCell<?, ?> cell(FxRobot robot, int index, String column) {
        return robot.from(row(robot, index))
                .lookup(".table-cell")
                .match((TableCell<?, ?> c) -> column.equals(c.getTableColumn().getText()))
                .query();
    }

    private static long points(FxRobot robot, String chart) {
        IterationChart c = robot.lookup(chart).queryAs(IterationChart.class);
        return c.points().get(0).stream().filter(Objects::nonNull).count();
    }

    private static String label(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private static void press(FxRobot robot, KeyCode... keys) {
        robot.press(keys);
        for (int i = keys.length - 1; i >= 0; i--) {
            robot.release(keys[i]);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }
}
