package io.arenainstruct.studio.domain.arena;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GradedLabelTest {
    @Test
    void readsTheFiveLabelsAndTheirMirroredSpellings() {
        assertThat(GradedLabel.parse("A>>B")).contains(GradedLabel.A_MUCH_BETTER);
        assertThat(GradedLabel.parse(" b>a ")).contains(GradedLabel.B_BETTER);
        assertThat(GradedLabel.parse("A=B")).contains(GradedLabel.TIE);
        assertThat(GradedLabel.parse("B<<A")).contains(GradedLabel.A_MUCH_BETTER);
        assertThat(GradedLabel.parse("A<B")).contains(GradedLabel.B_BETTER);
        assertThat(GradedLabel.parse("A>>>B")).isEmpty();
        assertThat(GradedLabel.parse(null)).isEmpty();
    }

    @Test
    void swappingExchangesThePositionsAndKeepsTheStrength() {
        assertThat(GradedLabel.A_MUCH_BETTER.swapped()).isEqualTo(GradedLabel.B_MUCH_BETTER);
        assertThat(GradedLabel.B_BETTER.swapped()).isEqualTo(GradedLabel.A_BETTER);
        assertThat(GradedLabel.TIE.swapped()).isEqualTo(GradedLabel.TIE);
        for (GradedLabel l : GradedLabel.values()) {
            assertThat(l.swapped().swapped()).isEqualTo(l);
            assertThat(l.swapped().weight()).isEqualTo(-l.weight());
        }
    }

    @Test
    void aStrongVerdictWeighsThreeTimesAPlainOne() {
        assertThat(GradedLabel.A_MUCH_BETTER.weight()).isEqualTo(3);
        assertThat(GradedLabel.A_BETTER.weight()).isEqualTo(1);
        assertThat(GradedLabel.B_MUCH_BETTER.strong()).isTrue();
        assertThat(GradedLabel.B_BETTER.outcome()).isEqualTo(Outcome.B);
        assertThat(GradedLabel.TIE.outcome()).isEqualTo(Outcome.TIE);
    }
}
