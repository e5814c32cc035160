package io.arenainstruct.studio.domain.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.arenainstruct.studio.domain.provenance.Failure;

class FailureReasonTest {
    private static final List<FailureReason> REASONS = List.of(
            new FailureReason(new Failure<>(Stage.TRANSFORMATION, "NETWORK", "refused"), 26),
            new FailureReason(new Failure<>(Stage.ANSWER, "TIMEOUT", "after 120 s"), 3),
            new FailureReason(new Failure<>(Stage.ANSWER, "EMPTY_REPLY", null), 2));

    @Test
    void failedCountsAreTheReasonsSummedPerStage() {
        assertThat(FailureReason.failed(REASONS, Stage.TRANSFORMATION)).isEqualTo(26);
        assertThat(FailureReason.failed(REASONS, Stage.ANSWER)).isEqualTo(5);
        assertThat(FailureReason.failed(REASONS, Stage.GENERATION)).isZero();
    }

    @Test
    void oneLineForTheCurator() {
        assertThat(REASONS.get(0).describe())
                .isEqualTo("26 failed at transformation: The server could not be reached (not running, wrong address,"
                        + " or the connection broke). refused");
        assertThat(REASONS.get(2).describe()).isEqualTo("2 failed at answer: The model answered with empty text.");
    }
}
