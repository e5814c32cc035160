package io.arenainstruct.studio.service.curation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LshBandsTest {
    @Test
    void bandingForTheThresholds() {
        // Worked out apart from this code (midpoint sums of the two areas, weights 0.1 and 0.9).
        assertThat(LshBands.forThreshold(0.5, 128)).isEqualTo(new LshBands(32, 4));
        assertThat(LshBands.forThreshold(0.7, 128)).isEqualTo(new LshBands(21, 6));
        assertThat(LshBands.forThreshold(0.8, 128)).isEqualTo(new LshBands(14, 9));
        assertThat(LshBands.forThreshold(0.9, 128)).isEqualTo(new LshBands(8, 16));
    }

    @Test
    void sCurve() {
        LshBands b = new LshBands(21, 6);
        // 1 − (1 − 0.7^6)^21 = 1 − 0.882351^21 = 0.9278
        assertThat(b.candidateProbability(0.7)).isCloseTo(0.9278, within(1e-4));
        assertThat(b.candidateProbability(1.0)).isEqualTo(1.0);
        assertThat(b.candidateProbability(0.0)).isEqualTo(0.0);
    }
}
