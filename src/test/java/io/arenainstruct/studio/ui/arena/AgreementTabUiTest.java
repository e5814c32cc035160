package io.arenainstruct.studio.ui.arena;

import static io.arenainstruct.studio.ui.UiHarness.fx;
import static io.arenainstruct.studio.ui.UiHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
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

import io.arenainstruct.studio.domain.arena.BattleStatus;
import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.domain.arena.Outcome;
import io.arenainstruct.studio.service.agreement.AnnotatorAgreement;
import io.arenainstruct.studio.service.agreement.JudgeAgreement;
import io.arenainstruct.studio.service.job.JobProgress;
import io.arenainstruct.studio.service.job.JobState;
import io.arenainstruct.studio.service.job.StageCount;
import io.arenainstruct.studio.ui.UiHarness;
import io.arenainstruct.studio.ui.shell.Area;

/**
 * The Agreement tab driven by keys: reached with Ctrl+Tab, a category chosen with F4 and arrows, F5 after a new
 * vote, and a judging job's news read without F5.
 */
@ExtendWith(ApplicationExtension.class)
class AgreementTabUiTest {
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

    /**
     * Battles 1 and 3 are Math, 2 and 4 Code (answers of equal length). ann / bob vote (A, A), (B, A), (A, B),
     * (B, B): battles 2 and 3 split. judge-x: game 1 (A first) A>B, game 2 (B first) wrote B>A = A>B un-swapped,
     * combined A>B, on every battle.
     *
     * <p>All battles: judge-x over battles 1 (human A) and 4 (human B): agrees 1/2 = 0.500, without ties 0.500;
     * kappa: p_o = 1/2, p_e = (2/2)(1/2) = 1/2, kappa = 0; games 2/4 = 0.500; both ways the same 2/2 = 1.000; shown
     * first wins: game 1 yes, game 2 no, twice: 0.500; longer wins: equal lengths, a dash. ann–bob: 4 battles, 2
     * agree (0.500); each says A twice and B twice, p_e = 1/2, kappa 0.000. Alpha: o_AA = 2, o_BB = 2, o_AB = o_BA
     * = 2, n = 8, n_A = n_B = 4: 1 − 7·4/32 = 0.125.
     *
     * <p>Math (battles 1, 3): judge-x on battle 1 only: 1.000, kappa a dash (p_e = 1). ann–bob: 2 battles, 0.500;
     * ann A, A and bob A, B: p_e = 1·1/2, kappa 0.000. Alpha: o_AA = 2, o_AB = o_BA = 1, n_A = 3, n_B = 1, n = 4:
     * 1 − 3·2/6 = 0.000.
     */
    @Test
    void theFiguresFollowTheCategoryChosenByKeysF5AndAJobsNews(FxRobot robot) throws Exception {
        ArenaFixture arena = new ArenaFixture(ui.workspace);
        List<Long> ids = arena.battles(4);
        Outcome[][] votes = {
            {Outcome.A, Outcome.A}, {Outcome.B, Outcome.A}, {Outcome.A, Outcome.B}, {Outcome.B, Outcome.B}
        };
        for (int i = 0; i < 4; i++) {
            arena.human(ids.get(i), "ann", votes[i][0], BattleStatus.ADJUDICATED);
            arena.human(ids.get(i), "bob", votes[i][1], BattleStatus.ADJUDICATED);
            arena.judged(
                    ids.get(i),
                    "judge-x",
                    GradedLabel.A_BETTER,
                    GradedLabel.B_BETTER,
                    GradedLabel.A_BETTER,
                    BattleStatus.JUDGED,
                    false);
        }

        openArena(robot);
        for (int i = 0; i < 10 && !"Agreement".equals(selectedTab(robot)); i++) {
            press(robot, KeyCode.CONTROL, KeyCode.TAB);
        }
        assertThat(tabs(robot).getTabs().get(tabs(robot).getTabs().size() - 1).getText())
                .isEqualTo("Agreement");
        waitUntil(() -> "Agreement".equals(selectedTab(robot)));
        waitUntil(() -> judges(robot).getItems().size() == 1);
        assertThat(row(judges(robot), 0))
                .containsExactly("judge-x", "—", "2", "0.500", "0.500", "0.000", "0.500", "1.000", "0.500", "—");
        assertThat(row(annotators(robot), 0)).containsExactly("ann", "bob", "4", "0.500", "0.000");
        assertThat(label(robot, "#agreement-alpha"))
                .isEqualTo("Krippendorff's alpha over all annotators: 0.125 (4 battles with two or more annotators)");
        assertThat(label(robot, "#agreement-summary"))
                .isEqualTo("All battles: 2 battles with a human majority verdict; 2 battles where the annotators"
                        + " split, left out of the judges' figures");
        assertThat(headerTooltip(judges(robot), "agreement-column-first"))
                .startsWith("Of the games with a winner, how often the answer shown first won");

        // The tab's first control is the category chooser: F4 opens it, Down twice passes Code to Math, Enter.
        ComboBox<String> category = combo(robot);
        waitUntil(category::isFocused);
        assertThat(category.getItems()).containsExactly(AgreementPane.ALL_CATEGORIES, "Code", "Math");
        press(robot, KeyCode.F4);
        waitUntil(category::isShowing);
        press(robot, KeyCode.DOWN);
        press(robot, KeyCode.DOWN);
        press(robot, KeyCode.ENTER);
        waitUntil(() -> label(robot, "#agreement-summary").startsWith("Category Math: 1 battle with"));
        assertThat(row(judges(robot), 0))
                .containsExactly("judge-x", "—", "1", "1.000", "1.000", "—", "1.000", "1.000", "0.500", "—");
        assertThat(row(annotators(robot), 0)).containsExactly("ann", "bob", "2", "0.500", "0.000");
        assertThat(label(robot, "#agreement-alpha")).startsWith("Krippendorff's alpha over all annotators: 0.000 (");

        // A third annotator settles battle 3 (ann A, bob B, cal A: A). F5 reads again: judge-x now agrees on 2.
        arena.human(ids.get(2), "cal", Outcome.A, BattleStatus.ADJUDICATED);
        press(robot, KeyCode.F5);
        waitUntil(() -> "2".equals(row(judges(robot), 0).get(2)));
        assertThat(label(robot, "#agreement-summary")).startsWith("Category Math: 2 battles with a human majority");
        assertThat(row(judges(robot), 0).get(3)).isEqualTo("1.000");
        assertThat(annotators(robot).getItems()).hasSize(3);

        // cal votes on battle 1 too; a judging job's progress makes the tab read again, no F5.
        arena.human(ids.get(0), "cal", Outcome.B, BattleStatus.ADJUDICATED);
        ui.workspace.arenaJobs().progress(77, judging(1));
        waitUntil(() -> annotators(robot).getItems().stream()
                .anyMatch(a -> a.a().equals("ann") && a.b().equals("cal") && a.battles() == 2));
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

    /** Ctrl+digit of the Arena area, as a person opens it. */
    private void openArena(FxRobot robot) throws Exception {
        List<Area> areas = Area.registered();
        int index = 0;
        while (!areas.get(index).id().equals("arena")) {
            index++;
        }
        KeyCode digit = KeyCode.valueOf("DIGIT" + (index + 1));
        press(robot, KeyCode.CONTROL, digit);
        waitUntil(() -> "arena".equals(ui.window.currentAreaId()));
        fx(() -> robot.lookup("#dataset-table").query().requestFocus());
    }

    private static void press(FxRobot robot, KeyCode... keys) {
        robot.press(keys);
        for (int i = keys.length - 1; i >= 0; i--) {
            robot.release(keys[i]);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static TabPane tabs(FxRobot robot) {
        return robot.lookup("#arena-tabs").queryAs(TabPane.class);
    }

    private static String selectedTab(FxRobot robot) {
        return tabs(robot).getSelectionModel().getSelectedItem().getText();
    }

    @SuppressWarnings("unchecked")
    private static TableView<JudgeAgreement> judges(FxRobot robot) {
        return robot.lookup("#agreement-judges").queryAs(TableView.class);
    }

    @SuppressWarnings("unchecked")
    private static TableView<AnnotatorAgreement> annotators(FxRobot robot) {
        return robot.lookup("#agreement-annotators").queryAs(TableView.class);
    }

    @SuppressWarnings("unchecked")
    private static ComboBox<String> combo(FxRobot robot) {
        return robot.lookup("#agreement-category").queryAs(ComboBox.class);
    }

    /** The cells of a row as the table shows them. */
    private static List<Object> row(TableView<?> table, int row) {
        return table.getColumns().stream().map(c -> (Object) c.getCellData(row)).toList();
    }

    private static String headerTooltip(TableView<?> table, String columnId) {
        TableColumn<?, ?> col = table.getColumns().stream()
                .filter(c -> columnId.equals(c.getId()))
                .findFirst()
                .orElseThrow();
        return ((Label) col.getGraphic()).getTooltip().getText();
    }

    private static String label(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }
}
