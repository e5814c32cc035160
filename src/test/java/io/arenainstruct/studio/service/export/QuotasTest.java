package io.arenainstruct.studio.service.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Shares worked out by hand. */
class QuotasTest {

    @Test
    void sharesByWeightWithLargestRemainders() {
        // 10 rows, weights 1 : 2 : 2 (total 5): shares 2, 4, 4 exactly.
        assertThat(Quotas.share(10, Map.of("a", 100L, "b", 100L, "c", 100L), Map.of("a", 1.0, "b", 2.0, "c", 2.0)))
                .containsExactly(Map.entry("a", 2L), Map.entry("b", 4L), Map.entry("c", 4L));
        // 10 rows, equal weights over 3: 3.33 each; the one row left goes to the first name among equal remainders.
        assertThat(Quotas.share(10, Map.of("a", 100L, "b", 100L, "c", 100L), Map.of()))
                .containsExactly(Map.entry("a", 4L), Map.entry("b", 3L), Map.entry("c", 3L));
    }

    @Test
    void aCategoryWithFewerRowsThanItsShareGivesThemAllAndTheRestIsSharedAgain() {
        // 12 rows, weights 1 : 1 : 1: shares 4 each, but a has 1. a gives 1; 11 left for b and c (5.5 each):
        // 5 each and the last row to b (equal remainders, first name).
        assertThat(Quotas.share(12, Map.of("a", 1L, "b", 100L, "c", 100L), Map.of()))
                .containsExactly(Map.entry("a", 1L), Map.entry("b", 6L), Map.entry("c", 5L));
        // More rows asked than there are: everything.
        assertThat(Quotas.share(50, Map.of("a", 3L, "b", 4L), Map.of("a", 5.0)))
                .containsExactly(Map.entry("a", 3L), Map.entry("b", 4L));
    }

    @Test
    void weightZeroGetsNothing() {
        assertThat(Quotas.share(6, Map.of("off", 10L, "on", 10L), Map.of("off", 0.0)))
                .containsExactly(Map.entry("off", 0L), Map.entry("on", 6L));
    }
}
