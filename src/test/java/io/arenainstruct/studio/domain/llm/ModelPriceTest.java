package io.arenainstruct.studio.domain.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/** The one cost formula, with figures worked out by hand. */
class ModelPriceTest {
    @Test
    void costIsTokensTimesThePricePerMillionInAndOut() {
        ModelPrice price = new ModelPrice("m", new BigDecimal("0.15"), new BigDecimal("0.60"));
        // 12,429 × 0.15 / 1e6 = 0.00186435; 1,377 × 0.60 / 1e6 = 0.0008262; sum 0.00269055
        assertThat(price.cost(12_429, 1_377)).isEqualByComparingTo("0.00269055");
        assertThat(price.cost(0, 0)).isEqualByComparingTo("0");
        assertThat(price.cost(1_000_000, 1_000_000)).isEqualByComparingTo("0.75");
    }

    @Test
    void smallCostsKeepTenPlacesRoundedHalfUp() {
        ModelPrice price = new ModelPrice("m", new BigDecimal("0.00000015"), BigDecimal.ZERO);
        // 1 × 0.00000015 / 1e6 = 1.5e-13 → 0.0000000000 at ten places; 700 tokens: 1.05e-10 → 0.0000000001
        assertThat(price.cost(1, 0)).isEqualByComparingTo("0");
        assertThat(price.cost(700, 0)).isEqualTo(new BigDecimal("0.0000000001"));
        assertThat(price.cost(700, 0).scale()).isEqualTo(ModelPrice.SCALE);
    }
}
