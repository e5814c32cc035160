package io.arenainstruct.studio.service.arena;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.domain.arena.Outcome;
import io.arenainstruct.studio.service.arena.VerdictRules.Pool;

/** Worked examples of the rules stated in VerdictRules and the README, each worked out by hand. */
class VerdictRulesTest {
    private static GameReading g(String label) {
        return GameReading.graded(GradedLabel.parse(label).orElseThrow(), label);
    }

    private static GameReading s(double a, double b) {
        return GameReading.scores(a, b, a + ", " + b);
    }

    @Test
    void twoGamesForAGiveAAndStrongOnlyWhenBothAreStrong() {
        Combined both = VerdictRules.games(List.of(g("A>>B"), g("A>>B")));
        Combined mixed = VerdictRules.games(List.of(g("A>>B"), g("A>B")));

        assertThat(both.outcome()).isEqualTo(Outcome.A);
        assertThat(both.label()).isEqualTo(GradedLabel.A_MUCH_BETTER);
        assertThat(both.disputed()).isFalse();
        assertThat(mixed.label()).isEqualTo(GradedLabel.A_BETTER);
    }

    @Test
    void aTieAndAWinAreNotAContradiction() {
        // +0 and −1: sum −1, no game for A.
        Combined c = VerdictRules.games(List.of(g("A=B"), g("B>A")));
        assertThat(c.outcome()).isEqualTo(Outcome.B);
        assertThat(c.label()).isEqualTo(GradedLabel.B_BETTER);
        assertThat(c.disputed()).isFalse();
    }

    @Test
    void gamesPointingOppositeWaysAreAPositionBiasTie() {
        // A judge that always prefers the first position: game 1 A>>B, game 2 (swapped) also wrote A>>B, which
        // un-swapped is B>>A. +3 and −3.
        GameReading game2 = g("A>>B").unswapped(true);
        Combined c = VerdictRules.games(List.of(g("A>>B"), game2));

        assertThat(c.outcome()).isEqualTo(Outcome.TIE);
        assertThat(c.label()).isEqualTo(GradedLabel.TIE);
        assertThat(c.disputed()).isTrue();
        assertThat(c.note()).contains("position bias");
        assertThat(c.inconsistent()).isTrue();
    }

    @Test
    void anUnreadableGameMakesTheJudgesVerdictUnparsable() {
        Combined c = VerdictRules.games(List.of(g("A>B"), GameReading.unparsable("no label")));
        assertThat(c.outcome()).isEqualTo(Outcome.UNPARSABLE);
        assertThat(c.disputed()).isTrue();
        assertThat(c.note()).contains("game 2");
        assertThat(c.inconsistent()).isFalse();
    }

    @Test
    void scoreGamesAverageEachAnswersScores() {
        // Game 1: A 8, B 5; game 2 un-swapped: A 7, B 6. Means 7.5 and 5.5, gap 2.
        Combined c = VerdictRules.games(List.of(s(8, 5), s(6, 7).unswapped(true)));
        assertThat(c.outcome()).isEqualTo(Outcome.A);
        assertThat(c.scoreA()).isEqualTo(7.5);
        assertThat(c.scoreB()).isEqualTo(5.5);
        assertThat(c.gap()).isEqualTo(2.0);
        assertThat(c.label()).isNull();
        Combined opposite = VerdictRules.games(List.of(s(8, 5), s(4, 6)));
        assertThat(opposite.outcome()).isEqualTo(Outcome.TIE);
        assertThat(opposite.disputed()).isTrue();
    }

    @Test
    void aJuryOfThreeWithOneDissenterGivesTheMajorityAndIsDisputed() {
        Combined a1 = VerdictRules.games(List.of(g("A>B"), g("A>B")));
        Combined a2 = VerdictRules.games(List.of(g("A>>B"), g("A>B")));
        Combined b = VerdictRules.games(List.of(g("B>A"), g("B>A")));

        Combined jury = VerdictRules.jury(List.of(a1, a2, b), Pool.MAJORITY);

        assertThat(jury.outcome()).isEqualTo(Outcome.A);
        assertThat(jury.label()).isEqualTo(GradedLabel.A_BETTER);
        assertThat(jury.disputed()).isTrue();
        assertThat(jury.note()).isEqualTo("majority: a 2, b 1 of 3");
        assertThat(jury.inconsistent()).isFalse();
    }

    @Test
    void aUnanimousJuryIsNotDisputedAndOneWithoutMajorityIsATie() {
        Combined a = VerdictRules.games(List.of(g("A>B"), g("A>B")));
        assertThat(VerdictRules.jury(List.of(a, a, a), Pool.MAJORITY).disputed())
                .isFalse();
        Combined b = VerdictRules.games(List.of(g("B>A"), g("B>A")));
        Combined tie = VerdictRules.games(List.of(g("A=B"), g("A=B")));
        Combined split = VerdictRules.jury(List.of(a, b, tie), Pool.MAJORITY);
        assertThat(split.outcome()).isEqualTo(Outcome.TIE);
        assertThat(split.disputed()).isTrue();
    }

    @Test
    void anUnreadableJudgeDoesNotVoteButDisputesTheJury() {
        Combined a = VerdictRules.games(List.of(g("A>B"), g("A>B")));
        Combined unread = VerdictRules.games(List.of(GameReading.unparsable("x"), g("A>B")));
        Combined jury = VerdictRules.jury(List.of(a, a, unread), Pool.MAJORITY);
        assertThat(jury.outcome()).isEqualTo(Outcome.A);
        assertThat(jury.disputed()).isTrue();
        assertThat(VerdictRules.jury(List.of(unread), Pool.MAJORITY).outcome()).isEqualTo(Outcome.UNPARSABLE);
    }

    @Test
    void aMeanJuryAveragesScoresOrVotes() {
        // Score judges: gaps +3 (8 vs 5), −1 (6 vs 7), +1 (7 vs 6): mean gap 1 → A; mean scores 7 and 6.
        Combined j1 = VerdictRules.games(List.of(s(8, 5)));
        Combined j2 = VerdictRules.games(List.of(s(6, 7)));
        Combined j3 = VerdictRules.games(List.of(s(7, 6)));
        Combined scored = VerdictRules.jury(List.of(j1, j2, j3), Pool.MEAN);
        assertThat(scored.outcome()).isEqualTo(Outcome.A);
        assertThat(scored.scoreA()).isEqualTo(7.0);
        assertThat(scored.scoreB()).isEqualTo(6.0);
        assertThat(scored.disputed()).isTrue();
        assertThat(scored.note()).startsWith("mean gap 1.00");
        // Graded judges: A>B (+1), B>>A (−3), A>B (+1): mean −1/3 → B, although two of three preferred A.
        Combined g1 = VerdictRules.games(List.of(g("A>B")));
        Combined g2 = VerdictRules.games(List.of(g("B>>A")));
        Combined graded = VerdictRules.jury(List.of(g1, g2, g1), Pool.MEAN);
        assertThat(graded.outcome()).isEqualTo(Outcome.B);
        assertThat(VerdictRules.jury(List.of(g1, g2, g1), Pool.MAJORITY).outcome())
                .isEqualTo(Outcome.A);
    }

    @Test
    void aScoreJudgeWhoseGamesContradictEachOtherAddsNoGapToAMeanJury() {
        // Judge 1: game 1 A 8 vs B 6 (+2), game 2 un-swapped A 5 vs B 6 (−1): inconsistent, a tie, although its
        // means differ by +0.5. Judge 2: B by one point (−1). Counting judge 1 as 0: mean −0.5 → B.
        Combined biased = VerdictRules.games(List.of(s(8, 6), s(5, 6)));
        Combined other = VerdictRules.games(List.of(s(6, 7)));
        assertThat(biased.inconsistent()).isTrue();
        assertThat(biased.gap()).isEqualTo(0.5);

        Combined jury = VerdictRules.jury(List.of(biased, other), Pool.MEAN);

        assertThat(jury.outcome()).isEqualTo(Outcome.B);
        assertThat(jury.note()).startsWith("mean gap -0.50");
    }
}
