package io.arenainstruct.studio.ui.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.ratings.RatingOptions;
import io.arenainstruct.studio.domain.ratings.RatingSource;
import io.arenainstruct.studio.service.arena.VerdictChanges;
import io.arenainstruct.studio.service.job.JobEvent;
import io.arenainstruct.studio.service.job.JobProgress;
import io.arenainstruct.studio.service.job.JobState;
import io.arenainstruct.studio.service.job.StageCount;
import io.arenainstruct.studio.ui.FakeDialogService;
import io.arenainstruct.studio.ui.leaderboard.LeaderboardFixture.FakeRatings;
import io.arenainstruct.studio.ui.leaderboard.LeaderboardViewModel.State;
import io.arenainstruct.studio.ui.task.CallingThreadTaskExecutor;

class LeaderboardViewModelTest {
    @TempDir
    Path tmp;

    private final FakeRatings ratings = new FakeRatings();
    private final VerdictChanges changes = new VerdictChanges();
    private final CallingThreadTaskExecutor tasks = new CallingThreadTaskExecutor();
    private final FakeDialogService dialogs = new FakeDialogService();
    private LeaderboardViewModel model;

    @BeforeEach
    void setUp() {
        model = new LeaderboardViewModel(ratings, changes, tasks, dialogs);
        model.zone(ZoneOffset.UTC);
    }

    @Test
    void aVisitComputesWithTheDefaultsAndShowsWhatTheFiguresRestOnAndWhen() {
        assertThat(model.state().get()).isEqualTo(State.LOADING);
        model.visit();
        assertThat(ratings.asked).containsExactly(RatingOptions.defaults());
        assertThat(model.state().get()).isEqualTo(State.READY);
        assertThat(model.leaderboard().get().ratings()).hasSize(4);
        assertThat(model.summary().get())
                .isEqualTo("70 observations from 55 battles (people, else judges) · computed 2026-12-07 03:30:05");
        assertThat(model.categories()).containsExactly("Code", "Math");
        assertThat(model.models()).containsExactly("alpha", "beta", LeaderboardFixture.GAMMA, "delta");
        // nothing changed: a second visit computes nothing
        model.visit();
        assertThat(ratings.asked).hasSize(1);
    }

    @Test
    void theRememberedSourceAndStyleControlAreTheFirstVisitsOptionsWithoutAComputationBefore() {
        model.restore("judge", true);
        assertThat(ratings.asked).isEmpty();
        model.visit();
        assertThat(ratings.asked)
                .containsExactly(
                        RatingOptions.defaults().withSource(RatingSource.JUDGE).withStyleControl(true));
        // a settings file edited by hand: an unknown source falls back to the default
        LeaderboardViewModel other = new LeaderboardViewModel(ratings, changes, tasks, dialogs);
        other.restore("jury", false);
        assertThat(other.options()).isEqualTo(RatingOptions.defaults());
    }

    @Test
    void eachOptionChangedComputesWithItAndTheSummarySaysSo() {
        model.visit();
        model.source().set(RatingSource.JUDGE);
        model.styleControl().set(true);
        model.category().set("Code");
        model.target().set("alpha");
        RatingOptions last = RatingOptions.defaults()
                .withSource(RatingSource.JUDGE)
                .withStyleControl(true)
                .withCategory("Code")
                .withTarget("alpha");
        assertThat(ratings.asked).hasSize(5).last().isEqualTo(last);
        assertThat(ratings.asked.get(2))
                .isEqualTo(
                        RatingOptions.defaults().withSource(RatingSource.JUDGE).withStyleControl(true));
        assertThat(model.summary().get())
                .isEqualTo("70 observations from 55 battles (judges, category Code, style controlled); 3 observations"
                        + " without answer text left out · computed 2026-12-07 03:30:05");
        model.category().set(null);
        assertThat(ratings.asked.get(5).category()).isNull();
    }

    @Test
    void nothingToRateShowsTheSentenceAndAFailureItsErrorAndTheFiguresComeBackAfter() {
        model.visit();
        model.source().set(RatingSource.IMPORTED);
        assertThat(model.state().get()).isEqualTo(State.PROBLEM);
        assertThat(model.message().get()).isEqualTo("No imported verdicts: import battle files to rate them.");
        assertThat(model.summary().get()).isEmpty();

        ratings.answer = o -> {
            throw new IllegalStateException("the store is closed");
        };
        model.refresh();
        assertThat(model.state().get()).isEqualTo(State.FAILED);
        assertThat(model.message().get()).isEqualTo("The ratings could not be computed: the store is closed");
        assertThat(dialogs.errors).isEmpty();

        ratings.answer = LeaderboardFixture::board;
        model.refresh();
        assertThat(model.state().get()).isEqualTo(State.READY);
        assertThat(model.message().get()).isEmpty();
    }

    @Test
    void aBurstOfVerdictChangesMakesOneComputationAfterTheQuietSecond() {
        model.visit();
        tasks.holdDebounced();
        for (int i = 0; i < 50; i++) {
            changes.changed();
        }
        assertThat(ratings.asked).hasSize(1);
        assertThat(tasks.debouncedWaiting()).isEqualTo(1);
        tasks.runDebounced();
        assertThat(ratings.asked).hasSize(2);
        assertThat(tasks.debouncedWaiting()).isZero();
        assertThat(LeaderboardViewModel.QUIET).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void changesWhileTheAreaIsHiddenWaitForTheNextVisit() {
        model.visit();
        model.showing().set(false);
        changes.changed();
        changes.changed();
        assertThat(ratings.asked).hasSize(1);
        model.showing().set(true);
        model.visit();
        assertThat(ratings.asked).hasSize(2);
        model.visit();
        assertThat(ratings.asked).hasSize(2);
    }

    @Test
    void aRequestDuringAComputationRunsOnceAfterItWithTheOptionsChosenByThen() {
        model.visit();
        tasks.hold();
        model.refresh();
        model.source().set(RatingSource.HUMAN);
        model.refresh();
        model.styleControl().set(true);
        assertThat(tasks.heldCount()).isEqualTo(1);
        tasks.runHeld();
        // the held one (combined) is not shown: options changed; the next runs with both changes, once
        assertThat(ratings.asked).hasSize(3);
        assertThat(ratings.asked.get(2))
                .isEqualTo(
                        RatingOptions.defaults().withSource(RatingSource.HUMAN).withStyleControl(true));
        assertThat(model.leaderboard().get().options()).isEqualTo(ratings.asked.get(2));
        assertThat(model.computing().get()).isFalse();
    }

    @Test
    void aJudgingJobThatJudgedMoreGamesOrAJobThatEndedCountsAsAChange() {
        model.visit();
        tasks.holdDebounced();
        model.jobEvent(new JobEvent.Progressed<>(7, judging(3)));
        tasks.runDebounced();
        assertThat(ratings.asked).hasSize(2);
        // the same count again, and an answering job's progress: nothing new
        model.jobEvent(new JobEvent.Progressed<>(7, judging(3)));
        model.jobEvent(new JobEvent.Progressed<>(
                8,
                new JobProgress<>(
                        JobState.RUNNING,
                        List.of(new StageCount<>("answer", 5, 2, 0)),
                        2,
                        0,
                        0,
                        0,
                        null,
                        Duration.ZERO,
                        0,
                        null)));
        assertThat(tasks.debouncedWaiting()).isZero();
        model.jobEvent(new JobEvent.Finished<>(8, JobState.COMPLETED));
        assertThat(tasks.debouncedWaiting()).isEqualTo(1);
    }

    @Test
    void afterCloseNoChangeIsHeard() {
        model.visit();
        model.close();
        changes.changed();
        model.refresh();
        assertThat(ratings.asked).hasSize(1);
    }

    @Test
    void theTableIsSavedAsCsvWhereTheCuratorChose() throws Exception {
        model.saveTable();
        assertThat(dialogs.infos).containsExactly("Nothing to save: There are no ratings to save yet.");
        model.visit();
        Path file = tmp.resolve("board.csv");
        dialogs.saveFiles.add(file);
        model.saveTable();
        List<String> lines =
                List.of(Files.readString(file, StandardCharsets.UTF_8).split("\r\n"));
        assertThat(lines)
                .containsExactly(
                        "rank,model,rating,ci_low,ci_high,elo,battles,observations,wins,losses,ties,flags",
                        "1,alpha,1080.00,1050.00,1110.00,1070.00,40,60,40,15,5,",
                        "2,beta,1000.00,960.00,1040.00,1004.00,12,30,12,15,3,too few battles for a reliable interval",
                        "2," + LeaderboardFixture.GAMMA + ",920.00,890.00,965.00,926.00,30,30,8,20,2,",
                        ",delta,,,,,2,2,1,1,0,not compared with the other models: no rating");
        assertThat(dialogs.errors).isEmpty();
        try (var files = Files.list(tmp)) {
            assertThat(files).containsExactly(file);
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
}
