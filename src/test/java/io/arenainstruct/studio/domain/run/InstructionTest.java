package io.arenainstruct.studio.domain.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.arenainstruct.studio.domain.provenance.AgentCall;
import io.arenainstruct.studio.domain.provenance.Failure;

class InstructionTest {
    private static final AgentCall GEN = new AgentCall("asker", 1, 11, "local", "m");

    private static Instruction planned() {
        return Instruction.planned(1, "fermi", 2, 3, 0, "estimation", null, AgentCall.chosen("asker", 1), 2);
    }

    @Test
    void aPlannedInstructionIsPendingWithItsGeneratorChosenAndNothingElse() {
        Instruction i = planned();
        assertThat(i.status()).isEqualTo(InstructionStatus.PENDING);
        assertThat(i.generator().called()).isFalse();
        assertThat(i.answerer()).isEqualTo(AgentCall.NONE);
        assertThat(i.failure()).isNull();
        assertThat(i.review()).isEqualTo(CuratorReview.NONE);
        assertThat(i.instruction()).isNull();
        assertThat(i.displayStatus()).isEqualTo("pending");
    }

    @Test
    void theLatestInstructionIsTheLastEditedRoundElseTheGeneratedOne() {
        Instruction i = planned().generatedBy(GEN, "Q0", "in0");
        assertThat(i.instruction()).isEqualTo("Q0");
        assertThat(i.input()).isEqualTo("in0");
        Round one = Round.suggested(1, "s1", AgentCall.of("suggester", 1, 12))
                .editedBy(AgentCall.of("editor", 1, 13), "Q1", "in1");
        Round twoOpen = Round.suggested(2, "s2", AgentCall.of("suggester", 1, 14));
        // round 2 has only its suggestion: round 1's edit is still the latest
        i = i.withRounds(List.of(one, twoOpen));
        assertThat(i.instruction()).isEqualTo("Q1");
        assertThat(i.input()).isEqualTo("in1");
        assertThat(i.roundsDone()).isEqualTo(1);
        assertThat(i.instructionAt(2)).isNull();
        i = i.withRounds(List.of(one, twoOpen.editedBy(AgentCall.of("editor", 1, 15), "Q2", null)));
        assertThat(i.instruction()).isEqualTo("Q2");
        assertThat(i.input()).isNull();
        assertThat(i.instructionAt(0)).isEqualTo("Q0");
    }

    @Test
    void aFailureIsKeptUntilTheInstructionIsTriedAgain() {
        Failure<Stage> why = new Failure<>(Stage.REFINEMENT, "TIMEOUT", "after 120 s");
        Instruction failed = planned().generatedBy(GEN, "Q0", null).failedWith(why);
        assertThat(failed.status()).isEqualTo(InstructionStatus.FAILED);
        assertThat(failed.failure()).isEqualTo(why);
        assertThat(failed.generator()).isEqualTo(GEN);
        Instruction again = failed.pending();
        assertThat(again.status()).isEqualTo(InstructionStatus.PENDING);
        assertThat(again.failure()).isNull();
        Instruction answered = again.answeredBy(AgentCall.of("answerer", 2, 20), "A");
        assertThat(answered.status()).isEqualTo(InstructionStatus.COMPLETE);
        assertThat(answered.answerer()).isEqualTo(AgentCall.of("answerer", 2, 20));
        assertThat(answered.response()).isEqualTo("A");
        assertThat(answered.withId(5).id()).isEqualTo(5);
        assertThat(answered.withId(5).answerer()).isEqualTo(answered.answerer());
    }

    @Test
    void theCuratorsReviewShowsBeforeTheModelsStatus() {
        Instruction i = new Instruction(
                1,
                1,
                "s",
                1,
                1,
                0,
                "c",
                null,
                GEN,
                "Q0",
                null,
                0,
                "A",
                AgentCall.NONE,
                InstructionStatus.COMPLETE,
                null,
                new CuratorReview(Review.ACCEPTED, 0, "ana", null),
                null,
                null);
        assertThat(i.displayStatus()).isEqualTo("accepted");
        assertThat(i.review().accepted()).isTrue();
        assertThat(i.rounds()).isEmpty();
    }
}
