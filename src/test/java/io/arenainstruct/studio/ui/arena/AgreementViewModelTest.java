package io.arenainstruct.studio.ui.arena;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.arena.BattleStatus;
import io.arenainstruct.studio.domain.arena.Outcome;
import io.arenainstruct.studio.service.job.JobEvent;
import io.arenainstruct.studio.service.job.JobProgress;
import io.arenainstruct.studio.service.job.JobState;
import io.arenainstruct.studio.service.job.StageCount;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.ui.FakeDialogService;
import io.arenainstruct.studio.ui.task.CallingThreadTaskExecutor;

class AgreementViewModelTest {
    @TempDir
    Path tmp;

    private final CallingThreadTaskExecutor tasks = new CallingThreadTaskExecutor();
    private final FakeDialogService dialogs = new FakeDialogService();
    private Workspace ws;
    private ArenaFixture arena;
    private AgreementViewModel model;

    @BeforeEach
    void open() {
        ws = Workspace.open(tmp.resolve("store"));
        arena = new ArenaFixture(ws);
        model = new AgreementViewModel(ws.agreement(), tasks, dialogs);
    }

    @AfterEach
    void close() {
        ws.close();
    }

    /**
     * Battles 1 and 3 are Math, 2 and 4 Code. ann and bob: (A, A), (B, A), (A, B), (B, B): battles 2 and 3 split.
     * The jury says A everywhere: over battles 1 and 4 it agrees once (0.500). Math alone: battle 1 only (1.000).
     */
    @Test
    void readsAllBattlesThenOneCategoryWithWordsForCountsAndDashesForWhatCannotBeComputed() {
        List<Long> ids = arena.battles(4);
        Outcome[][] votes = {
            {Outcome.A, Outcome.A}, {Outcome.B, Outcome.A}, {Outcome.A, Outcome.B}, {Outcome.B, Outcome.B}
        };
        for (int i = 0; i < 4; i++) {
            arena.human(ids.get(i), "ann", votes[i][0], BattleStatus.ADJUDICATED);
            arena.human(ids.get(i), "bob", votes[i][1], BattleStatus.ADJUDICATED);
            arena.jury(ids.get(i), "jury-1", Outcome.A, null, BattleStatus.JUDGED);
        }

        model.refresh();

        assertThat(model.categories()).containsExactly("Code", "Math");
        assertThat(model.judges()).singleElement().satisfies(j -> {
            assertThat(j.judge()).isEqualTo("jury-1");
            assertThat(AgreementViewModel.figure(j.agreement())).isEqualTo("0.500");
            assertThat(AgreementViewModel.figure(j.gameAgreement())).isEqualTo("—");
        });
        assertThat(model.summary().get())
                .isEqualTo("All battles: 2 battles with a human majority verdict; 2 battles where the annotators"
                        + " split, left out of the judges' figures");
        assertThat(model.annotators())
                .singleElement()
                .satisfies(a -> assertThat(a.battles()).isEqualTo(4));

        model.category().set("Math");

        assertThat(model.summary().get())
                .isEqualTo("Category Math: 1 battle with a human majority verdict; 1 battle where the annotators"
                        + " split, left out of the judges' figures");
        assertThat(AgreementViewModel.figure(model.judges().get(0).agreement())).isEqualTo("1.000");
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void judgedGamesReadTheFiguresAgainOnlyWhileTheTabShows() {
        long b = arena.battles(1).get(0);
        arena.human(b, "ann", Outcome.A, BattleStatus.ADJUDICATED);
        model.refresh();
        assertThat(model.judges()).isEmpty();

        arena.jury(b, "jury-1", Outcome.A, null, BattleStatus.JUDGED);
        model.showing().set(false);
        model.jobEvent(judging(7, 1));
        assertThat(model.judges()).isEmpty();

        model.showing().set(true);
        model.jobEvent(judging(7, 1)); // no more games than before: nothing new
        assertThat(model.judges()).isEmpty();
        model.jobEvent(judging(7, 2));
        assertThat(model.judges()).hasSize(1);

        arena.jury(b, "jury-2", Outcome.B, null, BattleStatus.JUDGED);
        model.jobEvent(new JobEvent.Finished<>(7, JobState.COMPLETED));
        assertThat(model.judges()).extracting(j -> j.judge()).containsExactly("jury-1", "jury-2");
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
}
