package io.arenainstruct.studio.domain.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** One set of limits for runs, whether a form or the command line asks (they differed: 20 per seed against 1000). */
class RunConfigTest {
    private static final RunConfig BASE = RunConfig.of(List.of("fermi"), SeedSelection.parse("all"), "local");

    @Test
    void roundsAreZeroToTenAndInstructionsPerSeedOneToAThousand() {
        assertThat(BASE.withRounds(0).rounds()).isZero();
        assertThat(BASE.withRounds(10).rounds()).isEqualTo(10);
        assertThat(BASE.withPerSeed(1000).perSeed()).isEqualTo(1000);
        assertThatThrownBy(() -> BASE.withRounds(11)).hasMessage("rounds must be 0 to 10");
        assertThatThrownBy(() -> BASE.withRounds(-1)).hasMessage("rounds must be 0 to 10");
        assertThatThrownBy(() -> BASE.withPerSeed(1001)).hasMessage("instructions per seed must be 1 to 1000");
        assertThatThrownBy(() -> BASE.withPerSeed(0)).hasMessage("instructions per seed must be 1 to 1000");
    }
}
