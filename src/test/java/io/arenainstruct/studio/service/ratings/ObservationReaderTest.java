package io.arenainstruct.studio.service.ratings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.domain.arena.Outcome;
import io.arenainstruct.studio.domain.arena.VerdictSource;
import io.arenainstruct.studio.domain.ratings.CiMethod;
import io.arenainstruct.studio.domain.ratings.RatingOptions;
import io.arenainstruct.studio.domain.ratings.RatingSource;
import io.arenainstruct.studio.service.workspace.TestWorkspaces;
import io.arenainstruct.studio.service.workspace.Workspace;

/**
 * The source rules, each on verdict rows planted in a real store: which rows become observations, with what score
 * and weight, in what order. Observations are written "A-B score xWEIGHT" (A the battle's model A).
 */
class ObservationReaderTest {
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

    private static RatingOptions options(RatingSource source) {
        return RatingOptions.defaults().withSource(source);
    }

    private static RatingOptions options(RatingSource source, int strongWeight, boolean bothBadAsTie) {
        return new RatingOptions(
                source, strongWeight, bothBadAsTie, 100, 42, CiMethod.BOOTSTRAP, false, 0.5, null, null, null);
    }

    private Observations read(RatingOptions options) {
        return ws.ratings().observations(options);
    }

    private static List<String> lines(Observations o) {
        List<String> out = new ArrayList<>();
        List<String> models = o.models();
        for (int i = 0; i < o.size(); i++) {
            out.add(String.format(
                    Locale.ROOT, "%s-%s %.1f x%d", models.get(o.a(i)), models.get(o.b(i)), o.score(i), o.weight(i)));
        }
        return out;
    }

    @Test
    void judgeGamesCountEachAStrongLabelItsWeightAndCombinedRowsNever() {
        long b = f.battle("Q1", "m1", "a1", "m2", "b1", null);
        f.game(b, "j", 1, GradedLabel.A_MUCH_BETTER, 1);
        f.game(b, "j", 2, GradedLabel.B_BETTER, 2);
        f.game(b, "j", 0, GradedLabel.TIE, 3);
        // people's and imported rows are other sources
        f.vote(b, "ann", GradedLabel.B_BETTER, 4);
        f.imported(b, VerdictSource.JUDGE, 1, Outcome.B, GradedLabel.B_BETTER, 5);

        assertThat(lines(read(options(RatingSource.JUDGE)))).containsExactly("m1-m2 1.0 x3", "m1-m2 0.0 x1");
        assertThat(lines(read(options(RatingSource.JUDGE, 5, true)))).containsExactly("m1-m2 1.0 x5", "m1-m2 0.0 x1");
        assertThat(lines(read(options(RatingSource.JUDGE, 1, true)))).containsExactly("m1-m2 1.0 x1", "m1-m2 0.0 x1");
    }

    @Test
    void aOneGameJudgesOnlyGameCounts() {
        long b = f.battle("Q1", "m1", "a1", "m2", "b1", null);
        f.game(b, "j", 1, GradedLabel.B_BETTER, 1);
        f.game(b, "j", 0, GradedLabel.B_BETTER, 2);

        assertThat(lines(read(options(RatingSource.JUDGE)))).containsExactly("m1-m2 0.0 x1");
    }

    @Test
    void unparsableAndErrorRowsNeverCountAndBothBadIsATieOrLeftOutAndCounted() {
        long b = f.battle("Q1", "m1", "a1", "m2", "b1", null);
        f.unread(b, "j", 1, Outcome.UNPARSABLE, 1);
        f.unread(b, "j", 2, Outcome.ERROR, 2);
        f.bothBad(b, "k", 1, 3);
        f.game(b, "k", 2, GradedLabel.TIE, 4);

        Observations tie = read(options(RatingSource.JUDGE));
        assertThat(lines(tie)).containsExactly("m1-m2 0.5 x1", "m1-m2 0.5 x1");
        assertThat(tie.bothBadLeftOut()).isZero();

        Observations exclude = read(options(RatingSource.JUDGE, 3, false));
        assertThat(lines(exclude)).containsExactly("m1-m2 0.5 x1");
        assertThat(exclude.bothBadLeftOut()).isEqualTo(1);
    }

    /**
     * A jury of j1 and j2 played two games each (4 game rows and 2 combined rows) and pooled A>B: its verdict stands
     * for those games, once per game (2 observations). j3 judged the same battle alone: its 2 games count.
     */
    @Test
    void aJurysPooledVerdictCountsOncePerGameInsteadOfItsMembersGames() {
        long b = f.battle("Q1", "m1", "a1", "m2", "b1", null);
        for (String j : List.of("j1", "j2")) {
            f.game(b, j, 1, GradedLabel.B_BETTER, 1);
            f.game(b, j, 2, GradedLabel.B_BETTER, 2);
            f.game(b, j, 0, GradedLabel.B_BETTER, 3);
        }
        f.jury(b, "jury (majority): j1, j2", GradedLabel.A_BETTER, 2, 4);
        f.game(b, "j3", 1, GradedLabel.TIE, 5);
        f.game(b, "j3", 2, GradedLabel.TIE, 6);

        assertThat(lines(read(options(RatingSource.JUDGE))))
                .containsExactly("m1-m2 1.0 x1", "m1-m2 1.0 x1", "m1-m2 0.5 x1", "m1-m2 0.5 x1");
    }

    /** A strong jury verdict one game each (its key says g1), and one whose key does not say: its members' games. */
    @Test
    void aJurysGamesComeFromItsKeyElseFromItsMembersGames() {
        long one = f.battle("Q1", "m1", "a1", "m2", "b1", null);
        f.game(one, "j1", 1, GradedLabel.B_BETTER, 1);
        f.game(one, "j2", 1, GradedLabel.B_BETTER, 2);
        f.jury(one, "jury (majority): j1, j2", GradedLabel.B_MUCH_BETTER, 1, 3);
        long two = f.battle("Q2", "m1", "a2", "m2", "b2", null);
        f.game(two, "j1", 1, GradedLabel.A_BETTER, 4);
        f.game(two, "j1", 2, GradedLabel.A_BETTER, 5);
        f.jury(two, "jury (mean): j1", GradedLabel.TIE, null, 6);

        assertThat(lines(read(options(RatingSource.JUDGE))))
                .containsExactly("m1-m2 0.0 x3", "m1-m2 0.5 x1", "m1-m2 0.5 x1");
    }

    @Test
    void humanVotesMadeHereCountAndAVoteForAnEditedAnswerIsLeftOutAndCounted() {
        long b1 = f.battle("Q1", "m1", "a1", "m2", "b1", null);
        long b2 = f.battle("Q2", "m1", "a2", "m2", "b2", null);
        f.vote(b1, "ann", GradedLabel.B_MUCH_BETTER, 1);
        f.vote(b1, "bob", GradedLabel.A_BETTER, 2);
        f.editedVote(b2, "ann", 3);
        f.imported(b2, VerdictSource.HUMAN, null, Outcome.B, null, 4);
        f.game(b2, "j", 1, GradedLabel.A_BETTER, 5);

        Observations o = read(options(RatingSource.HUMAN));
        assertThat(lines(o)).containsExactly("m1-m2 0.0 x3", "m1-m2 1.0 x1");
        assertThat(o.editedLeftOut()).isEqualTo(1);
    }

    /**
     * Battle 1 has a person's vote and judge games: the vote only. Battle 2 has judge games only: they count. Battle
     * 3's only vote preferred an edit: its judge games do not count either (people decided it), and the vote is
     * counted as left out.
     */
    @Test
    void combinedTakesABattlesHumanVotesWhereItHasAnyElseItsJudgeGames() {
        long b1 = f.battle("Q1", "m1", "a1", "m2", "b1", null);
        long b2 = f.battle("Q2", "m1", "a2", "m3", "c2", null);
        long b3 = f.battle("Q3", "m2", "b3", "m3", "c3", null);
        f.game(b1, "j", 1, GradedLabel.A_BETTER, 1);
        f.game(b1, "j", 2, GradedLabel.A_BETTER, 2);
        f.vote(b1, "ann", GradedLabel.B_BETTER, 3);
        f.game(b2, "j", 1, GradedLabel.B_MUCH_BETTER, 4);
        f.game(b2, "j", 2, GradedLabel.TIE, 5);
        f.game(b3, "j", 1, GradedLabel.A_BETTER, 6);
        f.editedVote(b3, "ann", 7);

        Observations o = read(options(RatingSource.COMBINED));
        assertThat(lines(o)).containsExactly("m1-m2 0.0 x1", "m1-m3 0.0 x3", "m1-m3 0.5 x1");
        assertThat(o.editedLeftOut()).isEqualTo(1);
    }

    @Test
    void importedTakesEveryImportedRowButTheImportersCombinedVerdicts() {
        long b = f.bareBattle("x", "y");
        f.imported(b, VerdictSource.JUDGE, 1, Outcome.A, GradedLabel.A_MUCH_BETTER, 1);
        f.imported(b, VerdictSource.JUDGE, 2, Outcome.B, GradedLabel.B_BETTER, 2);
        f.imported(b, VerdictSource.JUDGE, 0, Outcome.TIE, GradedLabel.TIE, 3);
        f.imported(b, VerdictSource.HUMAN, null, Outcome.BOTH_BAD, null, 4);
        f.imported(b, VerdictSource.JUDGE, null, Outcome.ERROR, null, 5);
        f.game(b, "j", 1, GradedLabel.A_BETTER, 6);

        assertThat(lines(read(options(RatingSource.IMPORTED))))
                .containsExactly("x-y 1.0 x3", "x-y 0.0 x1", "x-y 0.5 x1");
        Observations exclude = read(options(RatingSource.IMPORTED, 3, false));
        assertThat(lines(exclude)).containsExactly("x-y 1.0 x3", "x-y 0.0 x1");
        assertThat(exclude.bothBadLeftOut()).isEqualTo(1);
    }

    /** Rows stored in one order with times in another come out by time, then (same time) by row id. */
    @Test
    void observationsComeInTimeOrderThenRowOrder() {
        long b1 = f.battle("Q1", "m1", "a1", "m2", "b1", null);
        long b2 = f.battle("Q2", "m3", "c2", "m4", "d2", null);
        f.game(b1, "j", 1, GradedLabel.A_BETTER, 30);
        f.game(b2, "j", 1, GradedLabel.B_BETTER, 10);
        f.game(b1, "j", 2, GradedLabel.TIE, 20);
        f.game(b2, "j", 2, GradedLabel.A_BETTER, 20);

        Observations o = read(options(RatingSource.JUDGE));
        assertThat(lines(o)).containsExactly("m3-m4 0.0 x1", "m1-m2 0.5 x1", "m3-m4 1.0 x1", "m1-m2 1.0 x1");
        assertThat(o.battle(0)).isEqualTo(b2);
        assertThat(o.battle(3)).isEqualTo(b1);
    }

    @Test
    void eachObservationKeepsItsBattlesCategory() {
        long math = f.battle("Q1", "m1", "a1", "m2", "b1", "Math");
        long none = f.battle("Q2", "m1", "a2", "m2", "b2", null);
        f.game(math, "j", 1, GradedLabel.A_BETTER, 1);
        f.game(none, "j", 1, GradedLabel.A_BETTER, 2);

        Observations o = read(options(RatingSource.JUDGE));
        assertThat(o.categories()).containsExactly("Math");
        assertThat(o.categoryOf(0)).isZero();
        assertThat(o.categoryOf(1)).isEqualTo(-1);
    }

    @Test
    void styleCountsOnlyWithStyleControlAndWhereBothAnswersAreKnown() {
        long b = f.battle("Q1", "m1", "# Head\n- one\n- two", "m2", "**bold** plain", null);
        long bare = f.bareBattle("m1", "m2");
        f.game(b, "j", 1, GradedLabel.A_BETTER, 1);
        f.imported(bare, VerdictSource.JUDGE, 1, Outcome.B, GradedLabel.B_BETTER, 2);
        f.game(bare, "j", 1, GradedLabel.B_BETTER, 3);

        Observations plain = read(options(RatingSource.JUDGE));
        assertThat(plain.hasStyle(0)).isFalse();

        Observations styled = read(options(RatingSource.JUDGE).withStyleControl(true));
        assertThat(styled.size()).isEqualTo(2);
        assertThat(styled.hasStyle(0)).isTrue();
        // headers, list items, bold of each answer, counted by hand
        assertThat(List.of(styled.styleA(0, 1), styled.styleA(0, 2), styled.styleA(0, 3)))
                .containsExactly(1, 2, 0);
        assertThat(List.of(styled.styleB(0, 1), styled.styleB(0, 2), styled.styleB(0, 3)))
                .containsExactly(0, 0, 1);
        assertThat(styled.styleA(0, 0)).isEqualTo(StyleFeatures.tokens("# Head\n- one\n- two"));
        assertThat(styled.hasStyle(1)).isFalse();
    }
}
