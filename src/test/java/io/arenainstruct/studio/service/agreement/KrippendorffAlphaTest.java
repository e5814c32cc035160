package io.arenainstruct.studio.service.agreement;

import static io.arenainstruct.studio.service.agreement.AgreementClass.A;
import static io.arenainstruct.studio.service.agreement.AgreementClass.B;
import static io.arenainstruct.studio.service.agreement.AgreementClass.TIE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class KrippendorffAlphaTest {
    /**
     * Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four observers, twelve units,
     * values 1–5, missing data (unit 12 has one value and is not pairable). The paper gives nominal alpha = 0.743
     * (n = 40 pairable values).
     */
    @Test
    void theTextbookNominalExampleWithMissingDataGives0743() {
        Integer[][] observers = {
            {1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null},
            {1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3},
            {null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null},
            {1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null},
        };
        KrippendorffAlpha alpha = new KrippendorffAlpha(5);
        for (int unit = 0; unit < 12; unit++) {
            List<Integer> values = new ArrayList<>();
            for (Integer[] observer : observers) {
                if (observer[unit] != null) {
                    values.add(observer[unit] - 1);
                }
            }
            alpha.addUnit(values.stream().mapToInt(Integer::intValue).toArray());
        }
        assertThat(alpha.units()).isEqualTo(11);
        assertThat(alpha.alpha()).isCloseTo(0.743, within(0.0005));
    }

    /**
     * Three annotators, the third always disagreeing: units (A, A, B), (B, B, A), (A, A, tie), (tie, tie, A).
     * Each unit has m = 3 values, so each ordered pair adds 1/2: o_AA = 2, o_AB = o_BA = 2, o_AT = o_TA = 2,
     * o_BB = 1, o_TT = 1, o_BT = o_TB = 0. n_A = 6, n_B = 3, n_T = 3, n = 12. Disagreements off the diagonal: 8.
     * Σ_{c≠k} n_c·n_k = 2·(6·3 + 6·3 + 3·3) = 90. alpha = 1 − (n − 1)·8/90 = 1 − 88/90 = 1/45.
     */
    @Test
    void oneAnnotatorAlwaysDisagreeing() {
        KrippendorffAlpha alpha = KrippendorffAlpha.ofClasses();
        alpha.addUnit(List.of(A, A, B));
        alpha.addUnit(List.of(B, B, A));
        alpha.addUnit(List.of(A, A, TIE));
        alpha.addUnit(List.of(TIE, TIE, A));
        assertThat(alpha.alpha()).isCloseTo(1.0 / 45, within(1e-12));
    }

    @Test
    void withoutTwoValuesOrWithoutAnyDifferenceAlphaIsNull() {
        KrippendorffAlpha none = KrippendorffAlpha.ofClasses();
        none.addUnit(List.of(A));
        assertThat(none.units()).isZero();
        assertThat(none.alpha()).isNull();

        KrippendorffAlpha allA = KrippendorffAlpha.ofClasses();
        allA.addUnit(List.of(A, A, A));
        allA.addUnit(List.of(A, A));
        assertThat(allA.alpha()).isNull();
    }

    /** Two coders who always agree, over two classes: no observed disagreement, alpha = 1. */
    @Test
    void perfectAgreementIsOne() {
        KrippendorffAlpha alpha = KrippendorffAlpha.ofClasses();
        alpha.addUnit(List.of(A, A));
        alpha.addUnit(List.of(B, B));
        assertThat(alpha.alpha()).isEqualTo(1.0);
    }
}
