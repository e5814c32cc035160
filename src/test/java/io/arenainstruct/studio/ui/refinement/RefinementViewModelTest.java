package io.arenainstruct.studio.ui.refinement;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.run.HumanEdit;
import io.arenainstruct.studio.domain.run.Instruction;
import io.arenainstruct.studio.domain.run.InstructionFilter;
import io.arenainstruct.studio.domain.run.Review;
import io.arenainstruct.studio.domain.run.RunConfig;
import io.arenainstruct.studio.domain.run.RunStatus;
import io.arenainstruct.studio.domain.run.SeedSelection;
import io.arenainstruct.studio.service.job.JobEvent;
import io.arenainstruct.studio.service.job.JobState;
import io.arenainstruct.studio.service.llm.KeyResolver;
import io.arenainstruct.studio.service.run.RunFixture;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.testserver.FakeModelServer;
import io.arenainstruct.studio.testserver.SchemaReplies;
import io.arenainstruct.studio.ui.FakeDialogService;
import io.arenainstruct.studio.ui.task.CallingThreadTaskExecutor;

/**
 * The Refinement view model's list, moves, decisions, hand edits and runs' news, without JavaFX running. Each test
 * has its own store with a real run of 6 instructions (3 seeds, 2 each, 2 refinement rounds), since decisions
 * write to it.
 */
class RefinementViewModelTest {
    private static FakeModelServer server;

    @TempDir
    Path tmp;

    private Workspace ws;
    /** The run's instructions in the order the area lists them (by id). */
    private List<Long> ids;

    private final CallingThreadTaskExecutor tasks = new CallingThreadTaskExecutor();
    private final FakeDialogService dialogs = new FakeDialogService();
    private final BooleanProperty moveOn = new SimpleBooleanProperty(true);
    private RefinementViewModel model;

    @BeforeAll
    static void startServer() {
        server = FakeModelServer.start().replyWith(SchemaReplies.fill());
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void runOnce() {
        KeyResolver keys = new KeyResolver(tmp.resolve("home/secrets.properties"), new HashMap<String, String>()::get);
        ws = Workspace.open(tmp.resolve("store"), keys, RunFixture.QUICK_RETRIES);
        RunFixture.install(ws, server.openAiBaseUrl(), 3, 4);
        RunConfig config = RunConfig.of(List.of(RunFixture.SKILL), SeedSelection.all(), "local")
                .withPerSeed(2);
        assertThat(ws.runs().start(config).run()).isEqualTo(RunStatus.COMPLETED);
        ids = ws.instructions().ids(InstructionFilter.ALL);
        assertThat(ids).hasSize(6).isSorted();
        model = new RefinementViewModel(ws.instructions(), ws.runs(), moveOn, tasks, dialogs);
    }

    @AfterEach
    void closeStore() {
        model.close();
        ws.close();
    }

    private long shownId() {
        return model.shown().get().instruction().id();
    }

    private Instruction stored(long id) {
        return ws.instructions().find(id).orElseThrow();
    }

    /** Shows the instruction's columns as the view does, with {@code chosen} chosen. */
    private void choose(ColumnKey chosen) {
        model.focus()
                .show(
                        shownId(),
                        List.of(
                                ColumnKey.SEED,
                                ColumnKey.GENERATED,
                                ColumnKey.suggestion(1),
                                ColumnKey.edited(1),
                                ColumnKey.suggestion(2),
                                ColumnKey.edited(2),
                                ColumnKey.RESPONSE),
                        ColumnKey.edited(2));
        assertThat(model.focus().choose(chosen)).isTrue();
    }

    @Test
    void aFilterListsItsInstructionsShowsTheFirstOrTheOneAskedForAndSaysWhereTheCuratorIs() {
        model.loadChoices();
        assertThat(model.skills()).containsExactly(RunFixture.SKILL);
        assertThat(model.runs()).hasSize(1);
        assertThat(model.knownSkillName(RunFixture.SKILL)).as("the flow's name").isEqualTo("Test skill");

        model.applyFilter(InstructionFilter.ALL, null);
        assertThat(model.count().get()).isEqualTo(6);
        assertThat(model.position().get()).isEqualTo("1 of 6 · #" + ids.get(0));
        assertThat(shownId()).isEqualTo(ids.get(0));
        assertThat(model.shown().get().skillName()).isEqualTo("Test skill");
        assertThat(model.shown().get().seedName()).matches("seed-[0-2]\\.txt");
        assertThat(model.shown().get().seedText()).startsWith("Seed number ");
        assertThat(model.loading().get()).isFalse();

        model.applyFilter(InstructionFilter.ofRun(1), ids.get(3));
        assertThat(model.position().get()).isEqualTo("4 of 6 · #" + ids.get(3));
        assertThat(shownId()).isEqualTo(ids.get(3));

        model.applyFilter(new InstructionFilter(null, null, null, "rejected", null), null);
        assertThat(model.count().get()).isZero();
        assertThat(model.index().get()).isEqualTo(-1);
        assertThat(model.shown().get()).isNull();
        assertThat(model.position().get()).isEqualTo("No instructions match");
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void nextAndPreviousWalkTheListAndStopAtItsEnds() {
        model.applyFilter(InstructionFilter.ALL, null);

        model.previous();
        assertThat(model.position().get()).isEqualTo("1 of 6 · #" + ids.get(0));
        model.next();
        assertThat(model.position().get()).isEqualTo("2 of 6 · #" + ids.get(1));
        assertThat(shownId()).isEqualTo(ids.get(1));
        for (int i = 0; i < 6; i++) {
            model.next();
        }
        assertThat(model.position().get()).isEqualTo("6 of 6 · #" + ids.get(5));
        assertThat(shownId()).isEqualTo(ids.get(5));
        model.previous();
        assertThat(shownId()).isEqualTo(ids.get(4));
    }

    @Test
    void acceptTakesTheChosenColumnsRoundMovesOnAndUndoPutsBackTheDecisionBefore() {
        model.applyFilter(InstructionFilter.ALL, null);
        long first = ids.get(0);
        choose(ColumnKey.suggestion(1)); // a suggestion's round means that round's instruction

        model.acceptChosen();

        assertThat(stored(first).review().decision()).isEqualTo(Review.ACCEPTED);
        assertThat(stored(first).review().acceptedRound()).isEqualTo(1);
        assertThat(model.notice().get())
                .isEqualTo("Accepted instruction " + first + " with round 1 (Ctrl+Z undoes it)");
        assertThat(model.position().get()).as("moved on").isEqualTo("2 of 6 · #" + ids.get(1));

        model.undoSupport().undo();

        assertThat(stored(first).review().decision()).isEqualTo(Review.NONE);
        assertThat(stored(first).review().acceptedRound()).isNull();
        assertThat(model.notice().get()).isEqualTo("Undid the accept of instruction " + first);
        assertThat(shownId()).as("undo brings the instruction back on screen").isEqualTo(first);
        assertThat(model.shown().get().instruction().review().decision()).isEqualTo(Review.NONE);
    }

    @Test
    void acceptOfARoundWithoutAnInstructionIsRefusedWithANoticeAndNothingWhileEditing() {
        long first = ids.get(0);
        WorkspaceRepositories.store(ws).write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE instruction_round SET edited = NULL WHERE instruction_id = ? AND round = 2")) {
                ps.setLong(1, first);
                ps.executeUpdate();
            }
            return null;
        });
        model.applyFilter(InstructionFilter.ALL, null);
        choose(ColumnKey.suggestion(2)); // round 2's editor has not answered

        model.acceptChosen();

        assertThat(model.notice().get()).isEqualTo("That round has no edited instruction yet; choose another round");
        assertThat(stored(first).review().decision()).isEqualTo(Review.NONE);
        assertThat(model.position().get()).as("stays").isEqualTo("1 of 6 · #" + first);
        assertThat(model.undoSupport().canUndo().get()).isFalse();

        choose(ColumnKey.edited(1));
        assertThat(model.focus().startEditing()).isTrue();
        model.acceptChosen();
        model.focus().stopEditing();
        assertThat(stored(first).review().decision())
                .as("not while an edit is open")
                .isEqualTo(Review.NONE);

        model.acceptChosen();
        assertThat(stored(first).review().acceptedRound()).isEqualTo(1);
    }

    @Test
    void rejectWritesTheDecisionAndWithoutMoveOnStaysOnTheInstructionShowingIt() {
        moveOn.set(false);
        model.applyFilter(InstructionFilter.ALL, ids.get(2));
        long third = ids.get(2);

        model.reject();

        assertThat(stored(third).review().decision()).isEqualTo(Review.REJECTED);
        assertThat(model.notice().get()).isEqualTo("Rejected instruction " + third + " (Ctrl+Z undoes it)");
        assertThat(model.position().get()).isEqualTo("3 of 6 · #" + third);
        assertThat(model.shown().get().instruction().review().decision())
                .as("read again")
                .isEqualTo(Review.REJECTED);
        assertThat(model.moveOnAfterDecision()).isSameAs(moveOn);

        moveOn.set(true);
        model.reject();
        assertThat(model.position().get()).isEqualTo("4 of 6 · #" + ids.get(3));
    }

    @Test
    void aHandEditIsKeptBesideTheModelsTextAndUndoAndRedoTakeItBackAndAgain() {
        model.applyFilter(InstructionFilter.ALL, null);
        long first = ids.get(0);
        String modelsResponse = stored(first).response();
        int[] kept = {0};

        model.edit(HumanEdit.RESPONSE, "Riverton.", null, () -> kept[0]++);

        assertThat(kept[0]).isEqualTo(1);
        assertThat(ws.instructions().humanEdits(first))
                .extracting(HumanEdit::text)
                .containsExactly("Riverton.");
        assertThat(stored(first).response()).as("the model's text stays").isEqualTo(modelsResponse);
        assertThat(model.shown().get().finalText().response()).isEqualTo("Riverton.");
        assertThat(model.shown().get().edit(HumanEdit.RESPONSE)).isPresent();
        assertThat(model.notice().get())
                .isEqualTo("Kept your edit of the response of instruction #" + first + "; Ctrl+Z undoes it");
        assertThat(model.position().get()).as("an edit does not move on").isEqualTo("1 of 6 · #" + first);

        model.undoSupport().undo();
        assertThat(ws.instructions().humanEdits(first)).isEmpty();
        assertThat(model.shown().get().finalText().response()).isEqualTo(modelsResponse);
        assertThat(model.notice().get()).isEqualTo("Took back your edit of the response of instruction #" + first);

        model.undoSupport().redo();
        assertThat(ws.instructions().humanEdits(first))
                .extracting(HumanEdit::text)
                .containsExactly("Riverton.");
        assertThat(model.shown().get().finalText().response()).isEqualTo("Riverton.");
        assertThat(kept[0]).as("the editor closes once, not on redo").isEqualTo(1);
    }

    @Test
    void aLoadOrAMoveThatFinishesLateIsDropped() {
        tasks.hold();
        model.applyFilter(InstructionFilter.ALL, null);
        model.applyFilter(InstructionFilter.ALL, ids.get(4));
        tasks.runHeld(1, 0);
        assertThat(model.position().get()).isEqualTo("5 of 6 · #" + ids.get(4));
        assertThat(shownId()).isEqualTo(ids.get(4));

        tasks.hold();
        model.next();
        model.previous();
        model.previous();
        assertThat(tasks.heldCount()).isEqualTo(3);
        tasks.runHeld(2, 1, 0); // the newest read first; the two before it arrive late
        assertThat(model.position().get()).isEqualTo("4 of 6 · #" + ids.get(3));
        assertThat(shownId()).isEqualTo(ids.get(3));
    }

    // ---- news from running jobs (the registry's events, as the bridge delivers them) ----

    /** Stores one more instruction of run 1, as a run would; returns its id. */
    private long storeAnother() {
        WorkspaceRepositories.store(ws).write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO instruction (run_id, skill, seed_id, passage_id, slot, category, rounds_planned,"
                            + " rounds_done, instruction, response, status, created_at)"
                            + " VALUES (1, ?, 1, 1, 99, 'Questions', 2, 0, NULL, NULL, 'pending', ?)")) {
                ps.setString(1, RunFixture.SKILL);
                ps.setTimestamp(2, Timestamp.from(Instant.parse("2026-11-20T10:00:00Z")));
                ps.executeUpdate();
            }
            return null;
        });
        List<Long> now = ws.instructions().ids(InstructionFilter.ALL);
        assertThat(now).hasSize(7);
        return now.get(6);
    }

    @Test
    void newsFromARunReadsTheListAgainOnlyWhileTheAreaShowsAndNewsDuringAReadOnceAfterIt() {
        model.applyFilter(InstructionFilter.ALL, ids.get(1));
        long another = storeAnother();

        model.showing().set(false);
        tasks.hold();
        model.jobEvent(new JobEvent.ItemChanged<>(1, JobEvent.Item.INSTRUCTION, another));
        model.jobEvent(new JobEvent.Finished<>(1, JobState.COMPLETED));
        assertThat(tasks.heldCount()).as("away: nothing read").isZero();
        assertThat(model.count().get()).isEqualTo(6);

        model.showing().set(true);
        model.jobEvent(new JobEvent.ItemChanged<>(1, JobEvent.Item.PASSAGE, 9));
        model.jobEvent(new JobEvent.Started<>(1));
        assertThat(tasks.heldCount()).as("news that lists nothing").isZero();
        model.jobEvent(new JobEvent.ItemChanged<>(1, JobEvent.Item.INSTRUCTION, another));
        assertThat(tasks.heldCount()).as("one read of the list").isEqualTo(1);
        model.jobEvent(new JobEvent.ItemChanged<>(1, JobEvent.Item.INSTRUCTION, another));
        model.jobEvent(new JobEvent.ItemChanged<>(1, JobEvent.Item.INSTRUCTION, another));
        assertThat(tasks.heldCount()).as("news during the read waits for it").isEqualTo(1);
        tasks.runHeld();

        assertThat(model.count().get()).isEqualTo(7);
        assertThat(model.position().get()).as("the shown one kept").isEqualTo("2 of 7 · #" + ids.get(1));
        assertThat(shownId()).isEqualTo(ids.get(1));
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void aListReadForNewsThatEndsAfterTheCuratorMovedLeavesTheMove() {
        model.applyFilter(InstructionFilter.ALL, null);
        long another = storeAnother();
        tasks.hold();
        model.jobEvent(new JobEvent.ItemChanged<>(1, JobEvent.Item.INSTRUCTION, another));
        model.next();
        assertThat(tasks.heldCount()).isEqualTo(2);

        tasks.runHeld(0, 1); // the list read for the news lands before the move's read

        assertThat(model.position().get()).isEqualTo("2 of 6 · #" + ids.get(1));
        assertThat(shownId()).isEqualTo(ids.get(1));
        model.pollList(); // the next visit picks the new one up
        assertThat(model.position().get()).isEqualTo("2 of 7 · #" + ids.get(1));
    }

    @Test
    void newsThatARunStoredTheShownInstructionShowsItAgain() {
        model.applyFilter(InstructionFilter.ALL, null);
        long first = ids.get(0);
        ws.instructions().reject(first, "another curator");

        model.jobEvent(new JobEvent.ItemChanged<>(1, JobEvent.Item.INSTRUCTION, first));

        assertThat(model.shown().get().instruction().review().decision()).isEqualTo(Review.REJECTED);
        assertThat(model.shown().get().instruction().review().by()).isEqualTo("another curator");
        assertThat(model.position().get()).isEqualTo("1 of 6 · #" + first);
    }
}
