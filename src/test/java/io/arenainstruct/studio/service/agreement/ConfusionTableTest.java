package io.arenainstruct.studio.service.agreement;

import static io.arenainstruct.studio.service.agreement.AgreementClass.A;
import static io.arenainstruct.studio.service.agreement.AgreementClass.B;
import static io.arenainstruct.studio.service.agreement.AgreementClass.TIE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ConfusionTableTest {
    private static void add(ConfusionTable t, AgreementClass first, AgreementClass second, int times) {
        for (int i = 0; i < times; i++) {
            t.add(first, second);
        }
    }

    /**
     * Rows: the judge, columns: the human verdict.
     *
     * <pre>
     *              human A  human B  human tie | row
     *   judge A       20        5        5     |  30
     *   judge B        3       15        2     |  20
     *   judge tie      2        5        3     |  10
     *   column        25       25       10     |  n = 60
     * </pre>
     *
     * p_o = (20 + 15 + 3) / 60 = 38/60. p_e = (30·25 + 20·25 + 10·10) / 60² = 1350/3600 = 3/8.
     * kappa = (38/60 − 3/8) / (1 − 3/8) = (152/240 − 90/240) / (150/240) = 62/150 = 0.41333…
     * Without ties (the A/B block only): (20 + 15) / (20 + 5 + 3 + 15) = 35/43.
     */
    @Test
    void kappaOfAThreeByThreeTableIsWorkedOutByHand() {
        ConfusionTable t = new ConfusionTable();
        add(t, A, A, 20);
        add(t, A, B, 5);
        add(t, A, TIE, 5);
        add(t, B, A, 3);
        add(t, B, B, 15);
        add(t, B, TIE, 2);
        add(t, TIE, A, 2);
        add(t, TIE, B, 5);
        add(t, TIE, TIE, 3);

        assertThat(t.total()).isEqualTo(60);
        assertThat(t.agreement()).isCloseTo(38.0 / 60, within(1e-12));
        assertThat(t.kappa()).isCloseTo(62.0 / 150, within(1e-12));
        assertThat(t.agreementWithoutTies()).isCloseTo(35.0 / 43, within(1e-12));
    }

    /** Perfect disagreement on two balanced classes: p_o = 0, p_e = 1/2, kappa = (0 − 1/2) / (1/2) = −1. */
    @Test
    void oppositeVerdictsOnBalancedClassesGiveMinusOne() {
        ConfusionTable t = new ConfusionTable();
        add(t, A, B, 4);
        add(t, B, A, 4);
        assertThat(t.agreement()).isEqualTo(0.0);
        assertThat(t.kappa()).isCloseTo(-1.0, within(1e-12));
    }

    @Test
    void figuresThatCannotBeComputedAreNullNotZero() {
        ConfusionTable empty = new ConfusionTable();
        assertThat(empty.agreement()).isNull();
        assertThat(empty.kappa()).isNull();
        assertThat(empty.agreementWithoutTies()).isNull();

        // Both always say A: p_e = 1, kappa is 0/0.
        ConfusionTable same = new ConfusionTable();
        add(same, A, A, 5);
        assertThat(same.agreement()).isEqualTo(1.0);
        assertThat(same.kappa()).isNull();

        // Only ties: nothing is left once ties are left out.
        ConfusionTable ties = new ConfusionTable();
        add(ties, TIE, A, 2);
        add(ties, B, TIE, 1);
        assertThat(ties.agreementWithoutTies()).isNull();
        assertThat(ties.agreement()).isEqualTo(0.0);
    }
}
