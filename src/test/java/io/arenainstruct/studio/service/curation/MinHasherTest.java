package io.arenainstruct.studio.service.curation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class MinHasherTest {
    private static int[] shingles(String text) {
        return MinHasher.shingles(TextNormalizer.words(TextNormalizer.normalize(text)));
    }

    @Test
    void threeWordShinglesAndExactJaccard() {
        assertThat(shingles("a b c d e")).hasSize(3);
        assertThat(shingles("hello world")).hasSize(1);
        assertThat(shingles("")).isEmpty();
        // {abc, bcd, cde} and {abc, bcd, cdf}: 2 shared of 4.
        assertThat(MinHasher.jaccard(shingles("a b c d e"), shingles("a b c d f")))
                .isEqualTo(0.5);
        // A repeated shingle counts once: {abc, bca, cab} both.
        assertThat(MinHasher.jaccard(shingles("a b c a b c"), shingles("a b c a b c a b")))
                .isEqualTo(1.0);
        assertThat(MinHasher.jaccard(shingles("a b c"), shingles(""))).isZero();
    }

    @Test
    void signatureIsDeterministicAndEstimatesJaccard() {
        String base = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen"
                + " sixteen seventeen eighteen nineteen twenty twentyone twentytwo";
        String changed = base.replace("eleven", "ELEVENTH");
        int[] a = new int[MinHasher.PERMUTATIONS];
        int[] again = new int[MinHasher.PERMUTATIONS];
        int[] b = new int[MinHasher.PERMUTATIONS];
        MinHasher.signature(shingles(base), a);
        MinHasher.signature(shingles(base), again);
        MinHasher.signature(shingles(changed), b);
        assertThat(again).containsExactly(a);
        int equal = 0;
        for (int i = 0; i < a.length; i++) {
            equal += a[i] == b[i] ? 1 : 0;
        }
        // 22 words, 20 shingles, one word changes 3 of them: 17 / 23 = 0.739.
        assertThat(MinHasher.jaccard(shingles(base), shingles(changed))).isCloseTo(17.0 / 23, within(1e-12));
        assertThat(equal / (double) a.length).isCloseTo(17.0 / 23, within(0.12));
    }

    @Test
    void wordsAreTakenAsGiven() {
        assertThat(MinHasher.shingles(List.of("x", "y", "z", "x", "y", "z"))).hasSize(3);
    }
}
