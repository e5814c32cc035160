package io.arenainstruct.studio.service.ratings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.TimeRange;
import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.domain.arena.Outcome;
import io.arenainstruct.studio.domain.arena.VerdictSource;
import io.arenainstruct.studio.domain.ratings.Leaderboard;
import io.arenainstruct.studio.domain.ratings.ModelRating;
import io.arenainstruct.studio.domain.ratings.RatingOptions;
import io.arenainstruct.studio.domain.ratings.RatingSource;
import io.arenainstruct.studio.service.task.Cancellation;
import io.arenainstruct.studio.service.workspace.TestWorkspaces;
import io.arenainstruct.studio.service.workspace.Workspace;

/** The service end to end on a real store: ratings from planted verdicts, the style cache, the problems' sentences. */
class RatingsServiceTest {
    @TempDir
    Path tmp;

    private Workspace ws;
    private RatingsFixture f;

    @BeforeEach
    void open() {
        ws = TestWorkspaces.open(tmp.resolve("store"));
        f = new RatingsFixture(ws);
    }

    @AfterEach
    void close() {
        ws.close();
    }

    private static RatingOptions judge() {
        return RatingOptions.defaults().withSource(RatingSource.JUDGE);
    }

    /** Six one-game battles of m1 against m2: m1 wins 3, loses 1, ties 2. */
    private void threeWinsOneLossTwoTies() {
        GradedLabel[] games = {
            GradedLabel.A_BETTER,
            GradedLabel.A_BETTER,
            GradedLabel.A_BETTER,
            GradedLabel.B_BETTER,
            GradedLabel.TIE,
            GradedLabel.TIE
        };
        for (int i = 0; i < games.length; i++) {
            long b = f.battle("Q" + i, "m1", "answer " + i, "m2", "other answer " + i, i < 3 ? "Math" : "Code");
            f.game(b, "j", 1, games[i], i);
        }
    }

    /**
     * m1 scores 3 + 2 × ½ = 4 of 6: the two-model fit gives P(m1 beats m2) = 4/6 = 2/3, so the rating gap is
     * 400 · log10(2) = 120.412 and, centred on 1000, m1 1060.206 and m2 939.794.
     */
    @Test
    void twoModelsRatedFromThreeWinsOneLossAndTwoTies() {
        threeWinsOneLossTwoTies();

        Leaderboard board = ws.ratings().compute(judge());

        assertThat(board.observations()).isEqualTo(6);
        assertThat(board.battles()).isEqualTo(6);
        assertThat(board.ratings()).extracting(ModelRating::model).containsExactly("m1", "m2");
        ModelRating m1 = board.ratings().get(0);
        ModelRating m2 = board.ratings().get(1);
        assertThat(m1.rating()).isCloseTo(1060.206, within(0.001));
        assertThat(m2.rating()).isCloseTo(939.794, within(0.001));
        assertThat(new int[] {m1.wins(), m1.losses(), m1.ties()}).containsExactly(3, 1, 2);
        assertThat(new int[] {m2.wins(), m2.losses(), m2.ties()}).containsExactly(1, 3, 2);
        assertThat(ws.ratings().categories()).containsExactly("Code", "Math");
        assertThat(ws.ratings().models()).containsExactly("m1", "m2");
    }

    /**
     * Battles created in January: m1 wins 3, loses 1; in February: m1 wins 1, loses 3. All of them: 4 of 8, so 1000
     * each. January only: P(m1 beats m2) = 3/4, a gap of 400 · log10(3) = 190.849, so m1 1095.424 and m2 904.576;
     * February only the mirror image. The verdicts are all stamped January 1st, before either, so the battles' time
     * chooses.
     */
    @Test
    void restrictingToBattlesCreatedInARangeRatesOnlyTheirVerdicts() {
        Instant january = Instant.parse("2026-01-10T00:00:00Z");
        Instant february = Instant.parse("2026-02-10T00:00:00Z");
        GradedLabel[] jan = {GradedLabel.A_BETTER, GradedLabel.A_BETTER, GradedLabel.A_BETTER, GradedLabel.B_BETTER};
        GradedLabel[] feb = {GradedLabel.B_BETTER, GradedLabel.B_BETTER, GradedLabel.B_BETTER, GradedLabel.A_BETTER};
        for (int i = 0; i < 4; i++) {
            long b = f.battle("Jan " + i, "m1", "a" + i, "m2", "b" + i, null);
            f.created(b, january.plusSeconds(i));
            f.game(b, "j", 1, jan[i], 100 + i);
            long c = f.battle("Feb " + i, "m1", "c" + i, "m2", "d" + i, null);
            f.created(c, february.plusSeconds(i));
            f.game(c, "j", 1, feb[i], 200 + i);
        }
        Instant split = Instant.parse("2026-02-01T00:00:00Z");

        Leaderboard all = ws.ratings().compute(judge());
        Leaderboard before = ws.ratings().compute(judge().withBattlesCreated(new TimeRange(null, split)));
        Leaderboard after = ws.ratings().compute(judge().withBattlesCreated(new TimeRange(split, null)));
        // a range's start is in it, its end is not: from February 10th exactly holds the four February battles
        Leaderboard fromFirst = ws.ratings().compute(judge().withBattlesCreated(new TimeRange(february, null)));

        assertThat(rating(all, "m1")).isCloseTo(1000, within(0.001));
        assertThat(before.observations()).isEqualTo(4);
        assertThat(rating(before, "m1")).isCloseTo(1095.424, within(0.001));
        assertThat(rating(before, "m2")).isCloseTo(904.576, within(0.001));
        assertThat(after.observations()).isEqualTo(4);
        assertThat(rating(after, "m1")).isCloseTo(904.576, within(0.001));
        assertThat(fromFirst.observations()).isEqualTo(4);
        assertThatThrownBy(() -> ws.ratings()
                        .compute(
                                judge().withBattlesCreated(new TimeRange(Instant.parse("2026-03-01T00:00:00Z"), null))))
                .isInstanceOf(RatingsProblem.class);
    }

    private static double rating(Leaderboard board, String model) {
        return board.ratings().stream()
                .filter(r -> r.model().equals(model))
                .findFirst()
                .orElseThrow()
                .rating();
    }

    @Test
    void answersTextsAreReadOnceAcrossComputations() {
        threeWinsOneLossTwoTies();
        RatingOptions styled = judge().withStyleControl(true);

        ws.ratings().compute(styled);
        assertThat(ws.ratings().textsRead()).isEqualTo(12);
        ws.ratings().compute(styled);
        assertThat(ws.ratings().textsRead()).isEqualTo(12);

        long b = f.battle("Q new", "m1", "a new answer", "m2", "another new answer", null);
        f.game(b, "j", 1, GradedLabel.B_BETTER, 10);
        ws.ratings().compute(styled);
        assertThat(ws.ratings().textsRead()).isEqualTo(14);
        // without style control no text is read at all
        ws.ratings().compute(judge());
        assertThat(ws.ratings().textsRead()).isEqualTo(14);
    }

    @Test
    void anInterruptedComputationStopsBeforeReadingTheStore() {
        threeWinsOneLossTwoTies();
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> ws.ratings().compute(judge().withStyleControl(true)))
                    .isInstanceOf(CancellationException.class);
        } finally {
            Thread.interrupted();
        }
        assertThat(ws.ratings().textsRead()).isZero();
        // the store is still fine to read
        assertThat(ws.ratings().compute(judge()).observations()).isEqualTo(6);
    }

    /**
     * A computation a newer request replaced stops between the answers' texts (12 to read for style control, cancelled
     * once 5 are counted), keeps what it counted, and the next computation reads only the other 7.
     */
    @Test
    void aCancelledComputationStopsBetweenTextsAndKeepsWhatItCounted() {
        threeWinsOneLossTwoTies();
        RatingOptions styled = judge().withStyleControl(true);

        assertThatThrownBy(() -> ws.ratings().compute(styled, () -> ws.ratings().textsRead() >= 5))
                .isInstanceOf(CancellationException.class);
        assertThat(ws.ratings().textsRead()).isEqualTo(5);

        assertThat(ws.ratings().compute(styled, Cancellation.NEVER).observations())
                .isEqualTo(6);
        assertThat(ws.ratings().textsRead()).isEqualTo(12);
        // cancelled before it starts: nothing read, no figures
        assertThatThrownBy(() -> ws.ratings().compute(judge(), () -> true)).isInstanceOf(CancellationException.class);
    }

    @Test
    void aSourceWithNothingSaysSoAndNamesTheSourceToTry() {
        long b = f.bareBattle("x", "y");
        for (int i = 0; i < 3; i++) {
            f.imported(b, VerdictSource.HUMAN, null, Outcome.A, null, i);
        }
        assertThatThrownBy(() -> ws.ratings().compute(RatingOptions.defaults().withSource(RatingSource.HUMAN)))
                .isInstanceOf(RatingsProblem.class)
                .hasMessage(
                        "No human votes to rate yet. The store holds 3 imported verdicts: try the imported source.");

        long c = f.battle("Q1", "m1", "a", "m2", "b", null);
        f.vote(c, "ann", GradedLabel.A_BETTER, 5);
        assertThatThrownBy(() -> ws.ratings().compute(judge()))
                .isInstanceOf(RatingsProblem.class)
                .hasMessage("No judge games to rate yet. The store holds 1 human vote: try the human source.");
    }

    @Test
    void anEmptyStoreSaysWhereVerdictsComeFrom() {
        assertThatThrownBy(() -> ws.ratings().compute(RatingOptions.defaults()))
                .isInstanceOf(RatingsProblem.class)
                .hasMessage("No human votes or judge games to rate yet. The store holds no verdicts: judge battles,"
                        + " vote on them, or import a battle file.");
    }

    @Test
    void votesLeftOutAreNamedWhenNothingElseIsLeft() {
        long b = f.battle("Q1", "m1", "a", "m2", "b", null);
        f.editedVote(b, "ann", 1);
        f.game(b, "j", 1, GradedLabel.A_BETTER, 2);
        assertThatThrownBy(() -> ws.ratings().compute(RatingOptions.defaults().withSource(RatingSource.HUMAN)))
                .isInstanceOf(RatingsProblem.class)
                .hasMessage("No human votes to rate yet. Left out: 1 vote for an answer edited first. The store holds"
                        + " 1 judge game: try the judge source.");
    }

    @Test
    void anUnknownCategoryIsToldApartFromOneWithNothingForTheSource() {
        threeWinsOneLossTwoTies();
        long b = f.battle("Q writing", "m1", "a", "m2", "b", "Writing");
        f.vote(b, "ann", GradedLabel.A_BETTER, 20);

        assertThatThrownBy(() -> ws.ratings().compute(judge().withCategory("Poetry")))
                .isInstanceOf(RatingsProblem.class)
                .hasMessage("There is no category 'Poetry'. Categories with verdicts: Code, Math, Writing.");
        assertThatThrownBy(() -> ws.ratings().compute(judge().withCategory("Writing")))
                .isInstanceOf(RatingsProblem.class)
                .hasMessage("No judge games in category 'Writing' to rate yet.");
        // a category the source has: rated on its battles only (m1 won all three Math games)
        Leaderboard math = ws.ratings().compute(judge().withCategory("Math"));
        assertThat(math.ratings().get(0).wins()).isEqualTo(3);
    }

    @Test
    void anAnchorNotAmongTheModelsIsRefusedATargetGetsANote() {
        threeWinsOneLossTwoTies();
        RatingOptions base = judge();
        RatingOptions anchored = new RatingOptions(
                base.source(),
                base.strongWeight(),
                base.bothBadAsTie(),
                base.bootstrap(),
                base.seed(),
                base.ci(),
                false,
                base.styleLambda(),
                new RatingOptions.Anchor("nobody", 1200),
                null,
                null);
        assertThatThrownBy(() -> ws.ratings().compute(anchored))
                .isInstanceOf(RatingsProblem.class)
                .hasMessageContaining("nobody");
        // the ratings stand without the target's figures (the command refuses a name the store does not hold)
        Leaderboard ghost = ws.ratings().compute(base.withTarget("ghost"));
        assertThat(ghost.target()).isEmpty();
        assertThat(ghost.ratings()).hasSize(2);
        assertThat(ghost.problems()).contains("ghost has no verdicts in what was rated: no target figures.");
    }
}
