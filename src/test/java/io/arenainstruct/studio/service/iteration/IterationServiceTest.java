package io.arenainstruct.studio.service.iteration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.TimeRange;
import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.domain.iteration.Iteration;
import io.arenainstruct.studio.domain.iteration.IterationCounts;
import io.arenainstruct.studio.domain.iteration.IterationStatus;
import io.arenainstruct.studio.domain.iteration.TargetFigures;
import io.arenainstruct.studio.domain.ratings.RatingOptions;
import io.arenainstruct.studio.service.ratings.RatingsFixture;
import io.arenainstruct.studio.service.workspace.TestWorkspaces;
import io.arenainstruct.studio.service.workspace.Workspace;
import io.arenainstruct.studio.service.workspace.WorkspaceRepositories;
import io.arenainstruct.studio.store.IterationRepository;
import io.arenainstruct.studio.store.Store;

/**
 * Iterations on a real store (decision 0017). The store stamps records with the wall clock, so the tests set the
 * records' times and start iterations with fixed clocks, all in 2031 (after the store was made), instead of waiting.
 */
class IterationServiceTest {
    private static final Instant JANUARY = Instant.parse("2031-01-10T00:00:00Z");
    private static final Instant SECOND_STARTS = Instant.parse("2031-02-01T00:00:00Z");
    private static final Instant FEBRUARY = Instant.parse("2031-02-10T00:00:00Z");

    @TempDir
    Path tmp;

    private Workspace ws;
    private RatingsFixture f;
    private Store store;

    @BeforeEach
    void open() {
        ws = TestWorkspaces.open(tmp.resolve("store"));
        f = new RatingsFixture(ws);
        store = WorkspaceRepositories.store(ws);
    }

    @AfterEach
    void close() {
        ws.close();
    }

    /** The service with its clock stopped at {@code now}. */
    private IterationService at(Instant now) {
        return new IterationService(new IterationRepository(store), ws.ratings(), Clock.fixed(now, ZoneOffset.UTC));
    }

    /** A battle of target against other created at {@code at}, with one judge game (A = target). */
    private long battle(String name, GradedLabel game, Instant at) {
        long b = f.battle(name, "target", "answer to " + name, "other", "other answer to " + name, "Code");
        f.created(b, at);
        f.game(b, "judge", 1, game, 0);
        return b;
    }

    /** A run and {@code instructions} instructions of it, created at {@code at} (only the columns counted need). */
    private void run(Instant at, int instructions) {
        store.write(c -> {
            long run;
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO run (status, config, frozen, created_at, updated_at)"
                            + " VALUES ('done', '{}', '{}', ?, ?)",
                    PreparedStatement.RETURN_GENERATED_KEYS)) {
                ps.setTimestamp(1, Timestamp.from(at));
                ps.setTimestamp(2, Timestamp.from(at));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    run = keys.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO instruction (run_id, skill, seed_id,"
                    + " passage_id, slot, category, rounds_planned, status, created_at)"
                    + " VALUES (?, 's', 1, 1, ?, 'c', 0, 'complete', ?)")) {
                for (int i = 0; i < instructions; i++) {
                    ps.setLong(1, run);
                    ps.setInt(2, i);
                    ps.setTimestamp(3, Timestamp.from(at));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @Test
    void aNewStoreHasTheFirstIterationWithNoTarget() {
        List<Iteration> all = at(JANUARY).iterations();

        assertThat(all).hasSize(1);
        assertThat(all.get(0).number()).isEqualTo(1);
        assertThat(all.get(0).targetModel()).isNull();
        assertThat(at(JANUARY).defaultTarget()).isEmpty();
    }

    /**
     * Before the second iteration everything is the first's (even records older than its start); once the second
     * starts, what is made after its start is the second's and the first keeps its own.
     */
    @Test
    void recordsAreCountedInTheIterationTheirTimeFallsIn() {
        run(JANUARY, 3);
        long j1 = battle("J1", GradedLabel.A_BETTER, JANUARY);
        battle("J2", GradedLabel.B_BETTER, JANUARY.plusSeconds(1));
        f.vote(j1, "ann", GradedLabel.A_BETTER, 0);

        assertThat(at(JANUARY).status(null)).singleElement().satisfies(s -> {
            assertThat(s.range()).isEqualTo(TimeRange.ALL);
            // the fixture stamps verdicts January 1st 2026: the first iteration has no lower bound
            assertThat(s.counts()).isEqualTo(new IterationCounts(1, 3, 2, 1, 2));
        });

        Iteration second = at(SECOND_STARTS).start("target", "more coding");
        assertThat(second).isEqualTo(new Iteration(2, SECOND_STARTS, "target", "more coding"));

        run(FEBRUARY, 2);
        run(FEBRUARY.plusSeconds(5), 4);
        long f1 = battle("F1", GradedLabel.A_BETTER, FEBRUARY);
        // verdicts made in the second iteration: one on its battle, one on a first-iteration battle
        store.write(c -> c.createStatement()
                .executeUpdate("UPDATE verdict SET created_at = TIMESTAMP WITH TIME ZONE"
                        + " '2031-02-11 00:00:00+00' WHERE battle_id = " + f1));
        f.vote(j1, "bob", GradedLabel.A_BETTER, 0);
        store.write(c -> c.createStatement()
                .executeUpdate("UPDATE verdict SET created_at = TIMESTAMP WITH TIME ZONE"
                        + " '2031-02-12 00:00:00+00' WHERE voter = 'bob'"));

        List<IterationStatus> status = at(FEBRUARY).status(null);
        assertThat(status).extracting(s -> s.iteration().number()).containsExactly(1, 2);
        assertThat(status.get(0).range()).isEqualTo(new TimeRange(null, SECOND_STARTS));
        assertThat(status.get(1).range()).isEqualTo(new TimeRange(SECOND_STARTS, null));
        assertThat(status.get(0).counts()).isEqualTo(new IterationCounts(1, 3, 2, 1, 2));
        assertThat(status.get(1).counts()).isEqualTo(new IterationCounts(2, 6, 1, 1, 1));
        assertThat(at(FEBRUARY).defaultTarget()).contains("target");
    }

    /** A battle made exactly at an iteration's start is that iteration's: a range holds its start, not its end. */
    @Test
    void aRecordAtTheStartIsInTheIterationThatStarts() {
        at(SECOND_STARTS).start("target", null);
        battle("edge", GradedLabel.A_BETTER, SECOND_STARTS);
        battle("before", GradedLabel.A_BETTER, SECOND_STARTS.minusNanos(1_000));

        List<IterationStatus> status = at(FEBRUARY).status(null);
        assertThat(status.get(0).counts().battles()).isEqualTo(1);
        assertThat(status.get(1).counts().battles()).isEqualTo(1);
    }

    @Test
    void startingNumbersOnAndRefusesAClockSetBack() {
        at(SECOND_STARTS).start(" target ", " ");
        Iteration third = at(FEBRUARY).start("target-v2", null);

        assertThat(third.number()).isEqualTo(3);
        assertThat(at(FEBRUARY).iterations())
                .extracting(Iteration::number, Iteration::targetModel, Iteration::note)
                .containsExactly(tuple(1, null, null), tuple(2, "target", null), tuple(3, "target-v2", null));
        assertThat(at(FEBRUARY).defaultTarget()).contains("target-v2");

        assertThatThrownBy(() -> at(FEBRUARY).start("target", null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("clock");
        assertThat(at(FEBRUARY).iterations()).hasSize(3);
    }

    /**
     * The target's rating and win rate per iteration, from the battles created in it, judged one game each.
     * First iteration: target wins 3 and loses 1 against other: P = 3/4, a gap of 400 · log10(3) = 190.849, so
     * 1000 + 95.424 = 1095.424; battles won 3 of 4: 75%. Second: wins 1, loses 2, one tie: points 1.5 of 4, P = 3/8,
     * gap 400 · log10(3/5) = −88.739, so 955.630; battles 1 won, 1 tied of 4: (1 + ½) / 4 = 37.5%.
     */
    @Test
    void theTargetsRatingAndWinRateComeFromEachIterationsBattles() {
        GradedLabel[] first = {GradedLabel.A_BETTER, GradedLabel.A_BETTER, GradedLabel.A_BETTER, GradedLabel.B_BETTER};
        GradedLabel[] second = {GradedLabel.A_BETTER, GradedLabel.B_BETTER, GradedLabel.B_BETTER, GradedLabel.TIE};
        for (int i = 0; i < 4; i++) {
            battle("first " + i, first[i], JANUARY.plusSeconds(i));
        }
        at(SECOND_STARTS).start("target", null);
        for (int i = 0; i < 4; i++) {
            battle("second " + i, second[i], FEBRUARY.plusSeconds(i));
        }

        List<IterationStatus> status = at(FEBRUARY).status("target");

        TargetFigures one = status.get(0).target();
        assertThat(one.rating()).isCloseTo(1095.424, within(0.001));
        assertThat(one.ciLow()).isLessThanOrEqualTo(one.rating());
        assertThat(one.ciHigh()).isGreaterThanOrEqualTo(one.rating());
        assertThat(new int[] {one.battles(), one.wins(), one.losses(), one.ties()})
                .containsExactly(4, 3, 1, 0);
        assertThat(one.winRate()).isCloseTo(0.75, within(1e-12));
        TargetFigures two = status.get(1).target();
        assertThat(two.rating()).isCloseTo(955.630, within(0.001));
        assertThat(new int[] {two.battles(), two.wins(), two.losses(), two.ties()})
                .containsExactly(4, 1, 2, 1);
        assertThat(two.winRate()).isCloseTo(0.375, within(1e-12));
        // without a target there are no figures; a target with no battles in an iteration has none there
        assertThat(at(FEBRUARY).status(null).get(0).target().rating()).isNaN();
        TargetFigures stranger = at(FEBRUARY).status("stranger").get(1).target();
        assertThat(stranger.battles()).isZero();
        assertThat(stranger.rating()).isNaN();
        assertThat(stranger.winRate()).isNaN();
    }

    /**
     * A battle that redoes a both-bad battle (loop regenerate) is not the target's own result in the iteration: here
     * the target's failed answer loses to a new answer, which counted would make 1 win of 2 (50%) instead of the
     * 1 of 1 the iteration's own battles give. The whole store's ratings still count it.
     */
    @Test
    void battlesRedoingABothBadOneAreLeftOutOfTheIterationsFigures() {
        battle("own", GradedLabel.A_BETTER, JANUARY);
        long failed = f.battle("failed", "target", "bad", "other", "also bad", "Code");
        f.created(failed, JANUARY.plusSeconds(1));
        long redo = f.battle("redo", "target", "bad", "newcomer", "good", "Code");
        f.created(redo, JANUARY.plusSeconds(2));
        f.game(redo, "judge", 1, GradedLabel.B_BETTER, 0);
        store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE battle SET regenerates = ? WHERE id = ?")) {
                ps.setLong(1, failed);
                ps.setLong(2, redo);
                ps.executeUpdate();
            }
            return null;
        });

        TargetFigures t = at(FEBRUARY).status("target").get(0).target();

        assertThat(new int[] {t.battles(), t.wins(), t.losses(), t.ties()}).containsExactly(1, 1, 0, 0);
        assertThat(at(FEBRUARY).categories("target", TimeRange.ALL).get("Code").battles())
                .isEqualTo(1);
        assertThat(ws.ratings().observations(RatingOptions.defaults()).size())
                .as("the whole store's observations hold the redo's game")
                .isEqualTo(2);
    }

    /**
     * A battle's result for the target is the share of its counted verdicts' points: two games won and one lost is
     * a win, one won and one lost a tie (½), so 1 + ½ of 2 battles is 75%.
     */
    @Test
    void aBattleWithSeveralVerdictsIsWonByMoreThanHalfThePoints() {
        long won = battle("won", GradedLabel.A_BETTER, JANUARY);
        f.game(won, "judge", 2, GradedLabel.A_BETTER, 1);
        f.game(won, "judge2", 1, GradedLabel.B_BETTER, 2);
        long split = battle("split", GradedLabel.A_BETTER, JANUARY.plusSeconds(1));
        f.game(split, "judge", 2, GradedLabel.B_BETTER, 3);

        TargetFigures t = at(FEBRUARY).status("target").get(0).target();

        assertThat(new int[] {t.battles(), t.wins(), t.losses(), t.ties()}).containsExactly(2, 1, 0, 1);
        assertThat(t.winRate()).isCloseTo(0.75, within(1e-12));
    }
    /**
     * Per battle category, in each iteration: first, Code wins 2 of 2 (100%) and Math loses 1 of 1 (0%); second, Code
     * wins 1 and loses 1 (50%). A battle without a category is in no category.
     */
    @Test
    void theTargetsRecordPerCategoryComesFromEachIterationsBattles() {
        battle("c1", GradedLabel.A_BETTER, JANUARY);
        battle("c2", GradedLabel.A_BETTER, JANUARY.plusSeconds(1));
        long math = f.battle("m1", "target", "t", "other", "o", "Math");
        f.created(math, JANUARY.plusSeconds(2));
        f.game(math, "judge", 1, GradedLabel.B_BETTER, 0);
        long none = f.battle("n1", "target", "t", "other", "o", null);
        f.created(none, JANUARY.plusSeconds(3));
        f.game(none, "judge", 1, GradedLabel.A_BETTER, 0);
        at(SECOND_STARTS).start("target", null);
        battle("c3", GradedLabel.A_BETTER, FEBRUARY);
        battle("c4", GradedLabel.B_BETTER, FEBRUARY.plusSeconds(1));
        IterationService service = at(FEBRUARY);

        var first = service.categories("target", service.range(1));
        var second = service.categories("target", service.range(2));

        assertThat(first).containsOnlyKeys("Code", "Math");
        assertThat(first.get("Code").winRate()).isEqualTo(1.0);
        assertThat(first.get("Code").battles()).isEqualTo(2);
        assertThat(first.get("Math").winRate()).isEqualTo(0.0);
        assertThat(second).containsOnlyKeys("Code");
        assertThat(new int[] {second.get("Code").wins(), second.get("Code").losses()})
                .containsExactly(1, 1);
        assertThat(second.get("Code").winRate()).isEqualTo(0.5);
        assertThat(service.categories("stranger", service.range(1))).isEmpty();
    }
}
