package io.arenainstruct.studio.service.arena;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.arenainstruct.studio.domain.arena.GradedLabel;
import io.arenainstruct.studio.domain.arena.JudgeStyle;
import io.arenainstruct.studio.domain.arena.Outcome;

class VerdictReaderTest {
    @Test
    void readsTheLabelInDoubleBracketsAsArenaHardWritesIt() {
        GameReading r = VerdictReader.read(
                "Assistant A is more accurate.\n\nMy final verdict is Assistant A is slightly better: [[A>B]]",
                JudgeStyle.GRADED);

        assertThat(r.outcome()).isEqualTo(Outcome.A);
        assertThat(r.label()).isEqualTo(GradedLabel.A_BETTER);
        assertThat(r.rawLabel()).isEqualTo("A>B");
    }

    @Test
    void repeatingTheSameLabelIsOneVerdictButTwoDifferentOnesAreNone() {
        assertThat(VerdictReader.read("[[B>>A]] ... so again [[B>>A]]", JudgeStyle.GRADED)
                        .label())
                .isEqualTo(GradedLabel.B_MUCH_BETTER);
        GameReading torn = VerdictReader.read("First [[A>B]], on reflection [[B>A]]", JudgeStyle.GRADED);
        assertThat(torn.outcome()).isEqualTo(Outcome.UNPARSABLE);
        assertThat(torn.problem()).contains("A>B", "B>A");
    }

    @Test
    void singleBracketsAreReadOnlyWhenThereAreNoDoubleOnes() {
        assertThat(VerdictReader.read("Verdict: [A=B]", JudgeStyle.GRADED).outcome())
                .isEqualTo(Outcome.TIE);
        assertThat(VerdictReader.read("[A>B] but final [[B>A]]", JudgeStyle.GRADED)
                        .label())
                .isEqualTo(GradedLabel.B_BETTER);
    }

    @Test
    void noLabelOrAnUnknownOneIsUnparsableNeverGuessed() {
        assertThat(VerdictReader.read("Both are fine, I prefer the first.", JudgeStyle.GRADED)
                        .outcome())
                .isEqualTo(Outcome.UNPARSABLE);
        assertThat(VerdictReader.read("[[A>>>B]]", JudgeStyle.GRADED).problem()).contains("A>>>B");
        assertThat(VerdictReader.read("   ", JudgeStyle.GRADED).outcome()).isEqualTo(Outcome.UNPARSABLE);
        assertThat(VerdictReader.read(null, JudgeStyle.GRADED).outcome()).isEqualTo(Outcome.UNPARSABLE);
    }

    @Test
    void scoresGiveTheVerdictByTheirGap() {
        GameReading r = VerdictReader.read("A is thorough, B misses a case. [[8, 5]]", JudgeStyle.SCORE);

        assertThat(r.outcome()).isEqualTo(Outcome.A);
        assertThat(r.scoreA()).isEqualTo(8.0);
        assertThat(r.scoreB()).isEqualTo(5.0);
        assertThat(r.rawLabel()).isEqualTo("8, 5");
        assertThat(VerdictReader.read("[[6/10, 9/10]]", JudgeStyle.SCORE).outcome())
                .isEqualTo(Outcome.B);
        assertThat(VerdictReader.read("[[7.5, 7.5]]", JudgeStyle.SCORE).outcome())
                .isEqualTo(Outcome.TIE);
    }

    @Test
    void scoresOutOfRangeOrContradictingAreUnparsable() {
        assertThat(VerdictReader.read("[[0, 5]]", JudgeStyle.SCORE).outcome()).isEqualTo(Outcome.UNPARSABLE);
        assertThat(VerdictReader.read("[[11, 5]]", JudgeStyle.SCORE).outcome()).isEqualTo(Outcome.UNPARSABLE);
        assertThat(VerdictReader.read("[[7, 5]] no wait [[5, 7]]", JudgeStyle.SCORE)
                        .outcome())
                .isEqualTo(Outcome.UNPARSABLE);
    }

    @Test
    void aSwappedGameIsTurnedBackToTheBattlesOrder() {
        // The judge saw B first and wrote A>>B: the first-shown response, B, is much better.
        GameReading seen = VerdictReader.read("[[A>>B]]", JudgeStyle.GRADED);
        GameReading battle = seen.unswapped(true);

        assertThat(battle.label()).isEqualTo(GradedLabel.B_MUCH_BETTER);
        assertThat(battle.outcome()).isEqualTo(Outcome.B);
        assertThat(battle.rawLabel()).isEqualTo("A>>B");
        GameReading scored = VerdictReader.read("[[9, 4]]", JudgeStyle.SCORE).unswapped(true);
        assertThat(scored.scoreA()).isEqualTo(4.0);
        assertThat(scored.scoreB()).isEqualTo(9.0);
    }

    @Test
    void aHugeReplyIsReadByItsEndQuickly() {
        String reply = "[".repeat(1_000_000) + " my verdict: [[A=B]]";
        assertThat(VerdictReader.read(reply, JudgeStyle.GRADED).outcome()).isEqualTo(Outcome.TIE);
    }
}
