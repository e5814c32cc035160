package io.arenainstruct.studio.ui.arena;

import static io.arenainstruct.studio.ui.UiHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
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

import io.arenainstruct.studio.domain.adjudication.OverrideReason;
import io.arenainstruct.studio.domain.adjudication.StoredVote;
import io.arenainstruct.studio.domain.arena.ArenaResponse;
import io.arenainstruct.studio.domain.arena.BattleStatus;
import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.domain.arena.Outcome;
import io.arenainstruct.studio.domain.arena.ResponseOrigin;
import io.arenainstruct.studio.domain.arena.Verdict;
import io.arenainstruct.studio.domain.arena.VerdictSource;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.store.ArenaRepository;
import io.arenainstruct.studio.ui.UiHarness;
import io.arenainstruct.studio.ui.common.ReadOnlyText;
import io.arenainstruct.studio.ui.shell.Area;

/**
 * An annotator decides a queue of battles with the keyboard only, blind: the sides are fixed per battle and person,
 * each vote is stored in the battle's orientation the moment its key is pressed, an override asks for its reason,
 * an undo withdraws a vote, and edit-then-prefer keeps the original answer.
 */
@ExtendWith(ApplicationExtension.class)
class AdjudicateTabTest {
    @TempDir
    Path tmp;

    private UiHarness ui;
    private List<Long> ids;

    @Start
    void start(Stage stage) {
        ui = new UiHarness(tmp.resolve("store"), false);
        ArenaFixture plant = new ArenaFixture(ui.workspace);
        // six battles m1 vs m2 on "Prompt 1".."Prompt 6"; the judge found m1 better on 1 and contradicted itself on 2
        ids = plant.battles(6);
        plant.judged(
                ids.get(0),
                "judge-x",
                GradedLabel.A_BETTER,
                GradedLabel.B_BETTER,
                GradedLabel.A_BETTER,
                BattleStatus.JUDGED,
                false);
        plant.judged(
                ids.get(1),
                "judge-x",
                GradedLabel.A_BETTER,
                GradedLabel.A_BETTER,
                GradedLabel.TIE,
                BattleStatus.DISPUTED,
                true);
        ui.show(stage);
        ui.window.select("seeds");
    }

    @AfterEach
    void tearDown() {
        ui.close();
    }

    private static void press(FxRobot robot, KeyCode... keys) {
        robot.press(keys);
        for (int i = keys.length - 1; i >= 0; i--) {
            robot.release(keys[i]);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void openAdjudicate(FxRobot robot) throws Exception {
        List<Area> areas = Area.registered();
        int index = 0;
        while (!areas.get(index).id().equals("arena")) {
            index++;
        }
        press(robot, KeyCode.CONTROL, KeyCode.valueOf("DIGIT" + (index + 1)));
        waitUntil(() -> "arena".equals(ui.window.currentAreaId()));
        TabPane tabs = robot.lookup("#arena-tabs").queryAs(TabPane.class);
        // A click on the tab's title, as an annotator opens it.
        robot.clickOn("#arena-tab-adjudicate");
        waitUntil(() -> tabs.getSelectionModel().getSelectedItem().getText().equals("Adjudicate"));
    }

    private String text(FxRobot robot, String id) {
        return ((ReadOnlyText) robot.lookup(id).queryAs(TextArea.class).getParent()).getText();
    }

    private String label(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    /** Waits until the battle on "Prompt k" shows; returns whether the left answer is m2's (the sides swapped). */
    private boolean waitForPrompt(FxRobot robot, int k) throws Exception {
        waitUntil(() -> text(robot, "#adjudicate-instruction").equals("Prompt " + k));
        return text(robot, "#adjudicate-left").startsWith("m2 ");
    }

    private Optional<StoredVote> vote(int k) {
        return ui.workspace.adjudication().myVote(ids.get(k - 1), "Dana");
    }

    @Test
    void aQueueIsDecidedByKeysBlindAndTheStoreHoldsExactlyThoseVotes(FxRobot robot) throws Exception {
        openAdjudicate(robot);
        // The tab opens on the name field while no name is known.
        waitUntil(() -> robot.lookup("#adjudicate-name").query().isFocused());
        // No battle shows before the name is given: a vote key does nothing.
        robot.clickOn("#adjudicate-battle");
        waitUntil(() -> robot.lookup("#adjudicate-battle").query().isFocused());
        press(robot, KeyCode.DIGIT1);
        press(robot, KeyCode.X);
        assertThat(ids)
                .allSatisfy(id -> assertThat(ui.workspace.battles().verdicts(id))
                        .noneMatch(v -> v.source() == VerdictSource.HUMAN));
        // The name is asked once.
        robot.clickOn("#adjudicate-name");
        waitUntil(() -> robot.lookup("#adjudicate-name").query().isFocused());
        robot.write("Dana");
        press(robot, KeyCode.ENTER);
        assertThat(ui.context.preferences().annotator().get()).isEqualTo("Dana");

        // Disputed first: Prompt 2. Blind: no names, no judges before the vote.
        boolean swapped2 = waitForPrompt(robot, 2);
        waitUntil(() -> robot.lookup("#adjudicate-battle").query().isFocused());
        assertThat(label(robot, "#adjudicate-title")).contains("disputed");
        assertThat(label(robot, "#adjudicate-left-name")).isEqualTo("Left answer");
        assertThat(text(robot, "#adjudicate-judges")).doesNotContain("judge-x");
        assertThat(label(robot, "#adjudicate-queue"))
                .isEqualTo("1 disputed, 4 unjudged, 1 settled, not yet voted on by you");

        // 1: left better. The judge said a tie, so the chooser asks why; F: wrong fact.
        press(robot, KeyCode.DIGIT1);
        waitUntil(() -> robot.lookup("#adjudicate-reason-box").query().isVisible());
        assertThat(label(robot, "#adjudicate-reason")).startsWith("You said left is better; judge-x said a tie. Why?");
        boolean swapped3 = waitForPrompt(robot, 3);
        press(robot, KeyCode.F);
        waitUntil(() -> vote(2).map(StoredVote::reason).orElse(null) == OverrideReason.WRONG_FACT);
        StoredVote two = vote(2).orElseThrow();
        assertThat(two.vote().outcome()).isEqualTo(swapped2 ? Outcome.B : Outcome.A);
        assertThat(two.vote().shownSwapped()).isEqualTo(swapped2);
        assertThat(two.vote().namesShown()).isFalse();

        // Prompt 3: N shows the names (recorded), X: both bad.
        press(robot, KeyCode.N);
        waitUntil(() -> label(robot, "#adjudicate-left-name").equals(swapped3 ? "m2" : "m1"));
        press(robot, KeyCode.X);

        // Prompt 4: T, a tie; then Prompt 5: Shift+2, right much better, and Ctrl+Z withdraws it.
        waitForPrompt(robot, 4);
        press(robot, KeyCode.T);
        boolean swapped5 = waitForPrompt(robot, 5);
        press(robot, KeyCode.SHIFT, KeyCode.DIGIT2);
        waitUntil(() -> vote(5).isPresent());
        assertThat(vote(5).orElseThrow().vote().label())
                .isEqualTo(swapped5 ? GradedLabel.A_MUCH_BETTER : GradedLabel.B_MUCH_BETTER);
        waitForPrompt(robot, 6);
        press(robot, KeyCode.CONTROL, KeyCode.Z);
        waitForPrompt(robot, 5);
        waitUntil(() -> vote(5).isEmpty());

        // Edit-then-prefer on Prompt 5: E, 2 (the right answer), type at its end, Ctrl+Enter.
        press(robot, KeyCode.E);
        press(robot, KeyCode.DIGIT2);
        waitUntil(() -> robot.lookup("#adjudicate-editor").query().isFocused());
        String right =
                robot.lookup("#adjudicate-editor").queryAs(TextArea.class).getText();
        press(robot, KeyCode.CONTROL, KeyCode.END);
        robot.write(" Checked.");
        press(robot, KeyCode.CONTROL, KeyCode.ENTER);
        waitUntil(() -> vote(5).isPresent());
        waitForPrompt(robot, 6);

        // The queue's words follow the votes: battles 1 and 6 are left to Dana.
        waitUntil(() ->
                label(robot, "#adjudicate-queue").equals("0 disputed, 1 unjudged, 1 settled, not yet voted on by you"));
        // Back on Prompt 2, voted on: the judges show, told by side; H hides them.
        for (int k = 6; k > 2; k--) {
            press(robot, KeyCode.J);
        }
        waitForPrompt(robot, 2);
        assertThat(text(robot, "#adjudicate-judges")).startsWith("Judge judge-x: a tie");
        press(robot, KeyCode.H);
        waitUntil(() -> text(robot, "#adjudicate-judges").equals("The judges are hidden (H shows them)."));

        // The store holds exactly these votes, by Dana, un-swapped.
        assertThat(vote(3).orElseThrow().vote().outcome()).isEqualTo(Outcome.BOTH_BAD);
        assertThat(vote(3).orElseThrow().vote().namesShown()).isTrue();
        assertThat(vote(4).orElseThrow().vote().outcome()).isEqualTo(Outcome.TIE);
        StoredVote five = vote(5).orElseThrow();
        assertThat(five.vote().outcome()).isEqualTo(swapped5 ? Outcome.A : Outcome.B);
        ArenaResponse edited = ui.workspace
                .adjudication()
                .detail(ids.get(4))
                .map(d -> d.responseA())
                .orElseThrow();
        assertThat(five.vote().preferredResponse()).isNotNull();
        long original = swapped5
                ? ui.workspace.battles().battle(ids.get(4)).orElseThrow().responseA()
                : ui.workspace.battles().battle(ids.get(4)).orElseThrow().responseB();
        assertThat(five.vote().preferredResponse()).isNotEqualTo(original);
        assertThat(edited).isNotNull();
        List<Verdict> humans = ids.stream()
                .flatMap(id -> ui.workspace.battles().verdicts(id).stream())
                .filter(v -> v.source() == VerdictSource.HUMAN)
                .toList();
        assertThat(humans).hasSize(4).allSatisfy(v -> {
            assertThat(v.voter()).isEqualTo("Dana");
            assertThat(v.createdAt()).isNotNull();
        });
        assertThat(right).endsWith("answers Prompt 5");
        // the edit is what was typed, not the key that opened the editor too
        ArenaRepository arena = new ArenaRepository(WorkspaceRepositories.store(ui.workspace));
        assertThat(arena.response(five.vote().preferredResponse()).orElseThrow().text())
                .isEqualTo(right + " Checked.");

        // A vote key held down votes once: the battles after it are not decided unseen.
        for (int k = 2; k < 6; k++) {
            press(robot, KeyCode.K);
        }
        waitForPrompt(robot, 6);
        robot.press(KeyCode.DIGIT1);
        robot.press(KeyCode.DIGIT1);
        robot.press(KeyCode.DIGIT1);
        robot.release(KeyCode.DIGIT1);
        WaitForAsyncUtils.waitForFxEvents();
        waitUntil(() -> vote(6).isPresent());
        waitForPrompt(robot, 1);
        assertThat(vote(1)).isEmpty();
        assertThat(ResponseOrigin.EDITED).isNotNull();
    }
}
