package io.arenainstruct.studio.service.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.arenainstruct.studio.domain.provenance.Failure;

class StepFailureTest {
    @Test
    void aStepFailureIsRecordedAtTheStageThatRanIt() {
        StepFailure f = new StepFailure("SCHEMA_MISMATCH", "no \"instruction\"", 4, false, null);
        assertThat(f.at("generation")).isEqualTo(new Failure<>("generation", "SCHEMA_MISMATCH", "no \"instruction\""));
    }
}
