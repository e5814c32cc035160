package io.arenainstruct.studio.ui.arena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.arena.Battle;
import io.arenainstruct.studio.domain.arena.BattleLinks;
import io.arenainstruct.studio.domain.arena.BattleStatus;
import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.domain.arena.Outcome;
import io.arenainstruct.studio.service.job.JobEvent;
import io.arenainstruct.studio.service.job.JobProgress;
import io.arenainstruct.studio.service.job.JobState;
import io.arenainstruct.studio.service.job.StageCount;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.store.BattleRepository;
import io.arenainstruct.studio.ui.FakeDialogService;
import io.arenainstruct.studio.ui.task.CallingThreadTaskExecutor;

/** The Battles tab's view model over a real store, without JavaFX running. */
class BattlesViewModelTest {
    @TempDir
    Path tmp;

    private final CallingThreadTaskExecutor tasks = new CallingThreadTaskExecutor();
    private final FakeDialogService dialogs = new FakeDialogService();
    private Workspace ws;
    private ArenaFixture arena;
    private BattlesViewModel model;

    @BeforeEach
    void open() {
        ws = Workspace.open(tmp.resolve("store"));
        arena = new ArenaFixture(ws);
        model = new BattlesViewModel(ws.battles(), tasks, dialogs);
    }

    @AfterEach
    void close() {
        ws.close();
    }

    private List<Long> shownIds() {
        return model.rows().stream().map(BattlesViewModel.Row::id).toList();
    }

    @Test
    void aBattleOffTheShownPageIsShownInFullWithItsRegenerationLinks() {
        List<Long> ids = arena.battles(150);
        Battle failed = ws.battles().battle(ids.get(0)).orElseThrow();
        long redo = new BattleRepository(WorkspaceRepositories.store(ws))
                .createRegenerations(
                        failed.id(),
                        List.of(new Battle(
                                0,
                                failed.instructionId(),
                                "m2",
                                "m1",
                                failed.responseB(),
                                failed.responseA(),
                                1,
                                "regenerated",
                                failed.category(),
                                BattleStatus.UNJUDGED,
                                false,
                                null)))
                .ids()
                .get(0);
        model.firstPage();
        assertThat(shownIds()).doesNotContain(redo);

        model.show(redo);

        assertThat(model.detail().get().battle().battle().id()).isEqualTo(redo);
        assertThat(model.detail().get().links()).isEqualTo(new BattleLinks(failed.id(), List.of()));
        model.show(failed.id());
        assertThat(model.detail().get().links()).isEqualTo(new BattleLinks(null, List.of(redo)));
        assertThat(BattleText.redoes(failed.id())).isEqualTo("Redoes battle #" + failed.id() + " (both bad)");
        assertThat(BattleText.regeneratedAs(redo)).isEqualTo("Regenerated as battle #" + redo);
        model.show(ids.get(1));
        assertThat(model.detail().get().links()).isEqualTo(BattleLinks.NONE);
    }

    @Test
    void pagesAreReadForwardAndBackByKey() {
        List<Long> ids = arena.battles(250);

        model.firstPage();
        assertThat(shownIds()).isEqualTo(ids.subList(0, 100));
        assertThat(model.total().get()).isEqualTo(250);
        assertThat(model.page().get()).isZero();
        assertThat(model.hasNextPage().get()).isTrue();
        assertThat(model.hasPreviousPage()).isFalse();
        assertThat(BattlesViewModel.pageText(0, 100, 250, false)).isEqualTo("Battles 1–100 of 250");

        model.nextPage();
        assertThat(shownIds()).isEqualTo(ids.subList(100, 200));
        assertThat(model.page().get()).isEqualTo(1);
        model.nextPage();
        assertThat(shownIds()).isEqualTo(ids.subList(200, 250));
        assertThat(model.hasNextPage().get()).isFalse();
        assertThat(BattlesViewModel.pageText(2, 50, 250, false)).isEqualTo("Battles 201–250 of 250");
        model.nextPage();
        assertThat(shownIds()).as("no page after the last").isEqualTo(ids.subList(200, 250));

        model.previousPage();
        assertThat(shownIds()).isEqualTo(ids.subList(100, 200));
        model.previousPage();
        assertThat(shownIds()).isEqualTo(ids.subList(0, 100));
        assertThat(model.hasPreviousPage()).isFalse();
        model.previousPage();
        assertThat(shownIds()).isEqualTo(ids.subList(0, 100));
    }

    @Test
    void rowsShowTheStartOfTheirInstructionAndTheirVerdictsInALine() {
        List<Long> ids = arena.battles(3);
        long orphan = arena.battleWithoutInstruction("x", "y");
        arena.judged(
                ids.get(0),
                "judge-x",
                GradedLabel.A_BETTER,
                GradedLabel.B_BETTER,
                GradedLabel.A_BETTER,
                BattleStatus.JUDGED,
                false);
        arena.jury(ids.get(1), "jury", Outcome.B, "2 of 3 for B", BattleStatus.JUDGED);
        arena.human(ids.get(1), "alice", Outcome.TIE, BattleStatus.ADJUDICATED);

        model.firstPage();

        assertThat(model.rows())
                .extracting(BattlesViewModel.Row::id, BattlesViewModel.Row::instruction, BattlesViewModel.Row::verdicts)
                .containsExactly(
                        tuple(ids.get(0), "Prompt 1", "judge-x: A>B"),
                        tuple(ids.get(1), "Prompt 2", "jury: B · alice (person): tie"),
                        tuple(ids.get(2), "Prompt 3", ""),
                        tuple(orphan, "(no instruction)", ""));
        assertThat(model.rows().get(1).battle().status()).isEqualTo(BattleStatus.ADJUDICATED);
    }

    @Test
    void filtersNarrowTheListAndTheirChoicesComeFromTheStore() {
        List<Long> ids = arena.battles(6);
        long other = arena.battleWithoutInstruction("m1", "m3");
        arena.judged(
                ids.get(1),
                "judge-x",
                GradedLabel.A_BETTER,
                GradedLabel.B_BETTER,
                GradedLabel.A_BETTER,
                BattleStatus.JUDGED,
                false);
        arena.judged(
                ids.get(4),
                "judge-y",
                GradedLabel.A_BETTER,
                GradedLabel.A_BETTER,
                GradedLabel.TIE,
                BattleStatus.DISPUTED,
                true);
        arena.jury(ids.get(4), "jury-1", Outcome.TIE, null, BattleStatus.DISPUTED);

        model.firstPage();
        assertThat(model.total().get()).isEqualTo(7);
        assertThat(model.models()).containsExactly("m1", "m2", "m3");
        assertThat(model.categories()).containsExactly("Code", "Math");
        assertThat(model.judges()).containsExactly("judge-x", "judge-y", "jury-1");

        model.status().set(BattleStatus.JUDGED);
        assertThat(shownIds()).containsExactly(ids.get(1));
        model.status().set(BattleStatus.DISPUTED);
        assertThat(shownIds()).containsExactly(ids.get(4));
        assertThat(model.rows().get(0).verdicts()).isEqualTo("judge-y: A=B · jury: tie · inconsistent");
        model.status().set(BattleStatus.UNJUDGED);
        assertThat(shownIds()).containsExactly(ids.get(0), ids.get(2), ids.get(3), ids.get(5), other);
        model.status().set(null);

        model.model().set("m3");
        assertThat(shownIds()).containsExactly(other);
        model.model().set(null);
        // Battles 0, 2, 4 are on odd-numbered prompts: Math.
        model.category().set("Math");
        assertThat(shownIds()).containsExactly(ids.get(0), ids.get(2), ids.get(4));
        assertThat(model.total().get()).isEqualTo(3);
        model.judge().set("judge-x");
        assertThat(shownIds()).isEmpty();
        model.category().set(null);
        assertThat(shownIds()).containsExactly(ids.get(1));
        model.judge().set("jury-1");
        assertThat(shownIds()).containsExactly(ids.get(4));
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void aFilterStartsFromTheFirstPage() {
        List<Long> ids = arena.battles(150);
        model.firstPage();
        model.nextPage();
        assertThat(model.page().get()).isEqualTo(1);

        model.category().set("Code");

        assertThat(model.page().get()).isZero();
        assertThat(model.hasPreviousPage()).isFalse();
        assertThat(model.total().get()).isEqualTo(75);
        assertThat(model.rows().get(0).id()).isEqualTo(ids.get(1));
    }

    @Test
    void theSelectedBattleShowsItsInstructionBothAnswersAndEveryVerdict() {
        List<Long> ids = arena.battles(2);
        arena.judged(
                ids.get(1),
                "judge-x",
                GradedLabel.A_MUCH_BETTER,
                GradedLabel.A_BETTER,
                GradedLabel.TIE,
                BattleStatus.DISPUTED,
                true);
        model.firstPage();

        model.select(model.rows().get(1));

        BattlesViewModel.Detail d = model.detail().get();
        assertThat(d.instruction()).isEqualTo("Prompt 2");
        assertThat(d.answerA()).isEqualTo("m1 answers Prompt 2");
        assertThat(d.answerB()).isEqualTo("m2 answers Prompt 2");
        assertThat(d.title())
                .isEqualTo("Battle " + ids.get(1) + " · m1 (A) vs m2 (B) · Code · disputed"
                        + " · inconsistent: a judge's two games disagree once un-swapped · all-pairs");
        // Game 2 saw B first: its A>B is about B, so un-swapped it is B>A.
        assertThat(d.verdicts())
                .isEqualTo("3 verdicts (A = m1, B = m2)\n"
                        + "\njudge-x, game 1 (A shown first): wrote [[A>>B]], un-swapped A>>B → A wins (m1)"
                        + "\njudge-x, game 2 (B shown first): wrote [[A>B]], un-swapped B>A → B wins (m2)"
                        + "\njudge-x, both games combined: A=B → tie"
                        + "\n\n── judge-x, game 1 (A shown first) ──\nGame one says [[A>>B]]"
                        + "\n\n── judge-x, game 2 (B shown first) ──\nGame two says [[A>B]]");

        model.select(null);
        assertThat(model.detail().get()).isNull();
    }

    @Test
    void aBattleWithoutInstructionOrAnswersSaysSo() {
        long orphan = arena.battleWithoutInstruction("x", "y");
        arena.human(orphan, "alice", Outcome.BOTH_BAD, BattleStatus.ADJUDICATED);
        model.firstPage();

        model.select(model.rows().get(0));

        BattlesViewModel.Detail d = model.detail().get();
        assertThat(d.instruction()).startsWith("(no instruction:");
        assertThat(d.answerA()).startsWith("(no answer text:");
        assertThat(d.verdicts()).isEqualTo("1 verdict (A = x, B = y)\n\nalice (person): both bad");
    }

    private static JobEvent<JobProgress<String>> judging(long job, int done) {
        JobProgress<String> p = new JobProgress<>(
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
        return new JobEvent.Progressed<>(job, p);
    }

    @Test
    void judgedGamesReadThePageAgainWhileItShowsAndNothingElseDoes() {
        List<Long> ids = arena.battles(2);
        model.firstPage();
        model.select(model.rows().get(0));
        model.jobEvent(judging(7, 0));
        arena.judged(
                ids.get(0),
                "judge-x",
                GradedLabel.A_BETTER,
                GradedLabel.B_BETTER,
                GradedLabel.A_BETTER,
                BattleStatus.JUDGED,
                false);

        model.jobEvent(judging(7, 0));
        model.jobEvent(new JobEvent.PausedOrResumed<>(7, true));
        assertThat(model.rows().get(0).verdicts())
                .as("no game judged since: not read")
                .isEmpty();

        model.showing().set(false);
        model.jobEvent(judging(7, 2));
        assertThat(model.rows().get(0).verdicts()).as("not shown: not read").isEmpty();

        model.showing().set(true);
        model.jobEvent(judging(7, 3));
        assertThat(model.rows().get(0).verdicts()).isEqualTo("judge-x: A>B");
        assertThat(model.rows().get(0).battle().status()).isEqualTo(BattleStatus.JUDGED);

        arena.human(ids.get(1), "alice", Outcome.A, BattleStatus.ADJUDICATED);
        model.jobEvent(new JobEvent.Finished<>(7, JobState.COMPLETED));
        assertThat(model.rows().get(1).verdicts()).isEqualTo("alice (person): A");

        arena.human(ids.get(1), "bob", Outcome.B, BattleStatus.ADJUDICATED);
        model.jobEvent(new JobEvent.ItemChanged<>(8, JobEvent.Item.INSTRUCTION, ids.get(1)));
        assertThat(model.rows().get(1).verdicts()).isEqualTo("alice (person): A · bob (person): B");
    }

    @Test
    void aClosedModelReadsNothingMore() {
        arena.battles(1);
        model.close();
        model.firstPage();
        assertThat(model.rows()).isEmpty();
    }
}
