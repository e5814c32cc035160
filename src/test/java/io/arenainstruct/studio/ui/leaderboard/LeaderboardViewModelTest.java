package io.arenainstruct.studio.ui.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.ratings.RatingOptions;
import io.arenainstruct.studio.domain.ratings.RatingSource;
import io.arenainstruct.studio.service.arena.VerdictChanges;
import io.arenainstruct.studio.service.files.TextFiles;
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
                        "rank,model,rating,ci_low,ci_high,elo,battles,observations,wins,losses,ties,flags,source,"
                                + "style_control,category,computed_at",
                        "1,alpha,1080.00,1050.00,1110.00,1070.00,40,60,40,15,5," + FROM,
                        "2,beta,1000.00,960.00,1040.00,1004.00,12,30,12,15,3,too few battles for a reliable interval"
                                + FROM,
                        "2," + LeaderboardFixture.GAMMA + ",920.00,890.00,965.00,926.00,30,30,8,20,2," + FROM,
                        ",delta,,,,,2,2,1,1,0,not compared with the other models: no rating" + FROM);
        assertThat(dialogs.errors).isEmpty();
        try (var files = Files.list(tmp)) {
            assertThat(files).containsExactly(file);
        }
    }

    /** The fixture's options and time, as each CSV row says them. */
    private static final String FROM = ",combined,false,,2026-12-07T03:30:05Z";

    @Test
    void aNameWithoutAnExtensionGetsOneAndTheFilesAreReadableByOthersAsTheProjectsExportsAre() throws Exception {
        model.visit();
        dialogs.saveFiles.add(tmp.resolve("board"));
        model.saveTable();
        Path csv = tmp.resolve("board.csv");
        assertThat(csv).exists();
        assertThat(tmp.resolve("board")).doesNotExist();

        BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(1, 1, 0xff336699);
        dialogs.saveFiles.add(tmp.resolve("chart"));
        model.saveImage("chart", image);
        Path png = tmp.resolve("chart.png");
        BufferedImage read = ImageIO.read(png.toFile());
        assertThat(read.getWidth()).isEqualTo(3);
        assertThat(read.getRGB(1, 1)).isEqualTo(0xff336699);

        // a name with an extension of its own is kept as chosen
        dialogs.saveFiles.add(tmp.resolve("board.txt"));
        model.saveTable();
        assertThat(tmp.resolve("board.txt")).exists();
        assertThat(dialogs.errors).isEmpty();
        try (var files = Files.list(tmp)) {
            assertThat(files).containsExactlyInAnyOrder(csv, png, tmp.resolve("board.txt"));
        }

        // as a file TextFiles writes (umask 022 makes it rw-r--r--): not owner-only as a temporary file is
        Path reference = tmp.resolve("reference.txt");
        TextFiles.writeAtomically(reference, "x");
        if (Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Set<PosixFilePermission> usual = Files.getPosixFilePermissions(reference);
            assertThat(Files.getPosixFilePermissions(csv)).isEqualTo(usual);
            assertThat(Files.getPosixFilePermissions(png)).isEqualTo(usual);
            assertThat(Files.getPosixFilePermissions(csv))
                    .as("readable by the group and others under the usual umask")
                    .contains(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
        }
    }

    @Test
    void aTargetWithoutVerdictsUnderTheSourceKeepsTheFiguresAndTheTargetTabSaysSo() {
        // alpha has no judge games: the fit refuses it as the target, as the calculator does
        ratings.answer = o -> o.source() == RatingSource.JUDGE
                ? LeaderboardFixture.without(LeaderboardFixture.board(o), "alpha")
                : LeaderboardFixture.board(o);
        model.visit();
        model.target().set("alpha");
        assertThat(model.leaderboard().get().target()).hasSize(2);
        assertThat(model.targetMessage().get()).isEmpty();

        model.source().set(RatingSource.JUDGE);
        assertThat(model.state().get()).isEqualTo(State.READY);
        assertThat(model.leaderboard().get().options().source()).isEqualTo(RatingSource.JUDGE);
        assertThat(model.leaderboard().get().ratings()).hasSize(3);
        assertThat(model.leaderboard().get().target()).isEmpty();
        assertThat(model.target().get()).isEqualTo("alpha");
        assertThat(model.targetMessage().get()).isEqualTo("alpha has no verdicts under this source or category.");
        // the chooser offers the models rated, and keeps the choice
        assertThat(model.models()).containsExactly("beta", LeaderboardFixture.GAMMA, "delta", "alpha");

        model.source().set(RatingSource.COMBINED);
        assertThat(model.targetMessage().get()).isEmpty();
        assertThat(model.leaderboard().get().target()).hasSize(2);
        assertThat(model.models()).containsExactly("alpha", "beta", LeaderboardFixture.GAMMA, "delta");
    }

    /** A category comes from outside (an imported file): its bidi controls are shown as marks, as everywhere. */
    @Test
    void theSummaryShowsACategorysBidiControlsAsMarks() {
        model.visit();
        model.category().set("Co\u202Ede");
        assertThat(model.summary().get())
                .isEqualTo("70 observations from 55 battles (people, else judges, category Co[U+202E]de) · computed"
                        + " 2026-12-07 03:30:05");
    }

    @Test
    void aJobsNewsWhileTheAreaIsHiddenComputesAgainOnTheNextVisit() {
        model.visit();
        model.showing().set(false);
        model.jobEvent(new JobEvent.Finished<>(8, JobState.COMPLETED));
        assertThat(ratings.asked).hasSize(1);
        model.showing().set(true);
        model.visit();
        assertThat(ratings.asked).hasSize(2);
        model.visit();
        assertThat(ratings.asked).hasSize(2);
    }

    @Test
    void aComputationWhoseOptionsChangedMeanwhileIsCancelledAndItsStopIsNoFailure() {
        model.visit();
        tasks.hold();
        model.refresh();
        model.source().set(RatingSource.HUMAN);
        tasks.runHeld();
        // the held computation ran cancelled (and stopped); the newer one ran to the end
        assertThat(ratings.cancelledWhenRun).containsExactly(false, true, false);
        assertThat(ratings.asked.get(2).source()).isEqualTo(RatingSource.HUMAN);
        assertThat(model.state().get()).isEqualTo(State.READY);
        assertThat(model.leaderboard().get().options().source()).isEqualTo(RatingSource.HUMAN);
        assertThat(model.computing().get()).isFalse();
    }

    /** Votes keep coming while a long computation runs: it is not cancelled (it would never end), a new one follows. */
    @Test
    void aComputationForTheSameOptionsRunsToItsEndAndTheNewerRequestFollows() {
        model.visit();
        tasks.hold();
        model.refresh();
        changes.changed();
        model.refresh();
        tasks.runHeld();
        assertThat(ratings.cancelledWhenRun).containsExactly(false, false, false);
        assertThat(model.state().get()).isEqualTo(State.READY);
    }

    @Test
    void closingDuringAComputationCancelsIt() {
        model.visit();
        tasks.hold();
        model.refresh();
        model.close();
        tasks.runHeld();
        assertThat(ratings.cancelledWhenRun).containsExactly(false, true);
        assertThat(ratings.asked).hasSize(2);
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
