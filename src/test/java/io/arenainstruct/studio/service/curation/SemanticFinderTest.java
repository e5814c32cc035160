package io.arenainstruct.studio.service.curation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.arenainstruct.studio.service.llm.Embedder;

/**
 * The semantic pass over vectors given by hand, so every cosine is known: B is A turned by an angle whose cosine is
 * 0.95, C is B turned by it again (cosine with A: cos 2θ = 2 · 0.95² − 1 = 0.805); D and E are at 0.8 and at right
 * angles to A.
 */
class SemanticFinderTest {
    private static final double SIN = Math.sqrt(1 - 0.95 * 0.95);
    private static final Map<String, float[]> VECTORS = Map.of(
            "alpha", new float[] {1, 0, 0},
            "beta", new float[] {0.95f, (float) SIN, 0},
            "gamma", new float[] {0.805f, (float) (2 * 0.95 * SIN), 0},
            "delta", new float[] {0, 0, 1},
            "epsilon", new float[] {0, 0.6f, 0.8f});

    /** Looks the vectors up; counts its calls and refuses a text it has none for. */
    static final class HandEmbedder implements Embedder {
        final AtomicInteger calls = new AtomicInteger();
        final List<String> seen = new ArrayList<>();

        @Override
        public String name() {
            return "hand";
        }

        @Override
        public float[][] embed(List<String> texts) {
            calls.incrementAndGet();
            seen.addAll(texts);
            return texts.stream()
                    .map(t -> {
                        float[] v = VECTORS.get(t);
                        if (v == null) {
                            throw new AssertionError("no vector for " + t);
                        }
                        return v;
                    })
                    .toArray(float[][]::new);
        }
    }

    private static CurationItem item(long id, String text) {
        return new CurationItem(id, "instruction " + id, text);
    }

    static List<CurationItem> items() {
        return List.of(
                item(30, "gamma"),
                item(10, "alpha"),
                item(40, "delta"),
                item(20, "beta"),
                item(50, "epsilon"),
                item(5, " ?! ")); // no words: takes no part, and is not embedded
    }

    @Test
    void aChainIsOneClusterKeepingTheLowestIdAndSaysWhy() {
        HandEmbedder embedder = new HandEmbedder();

        List<Cluster> clusters = SemanticFinder.find(items(), 0.9, embedder);

        assertThat(embedder.seen).containsExactly("alpha", "beta", "gamma", "delta", "epsilon");
        assertThat(clusters).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(ClusterKind.SEMANTIC);
            assertThat(c.kept().id()).isEqualTo(10);
            assertThat(c.dropped()).extracting(d -> d.item().id()).containsExactly(20L, 30L);
            Dropped beta = c.dropped().get(0);
            assertThat(beta.similarTo()).isEqualTo(10);
            assertThat(beta.similarity()).isEqualTo(0.95);
            assertThat(beta.reason())
                    .isEqualTo("same meaning as instruction 10: cosine 0.95 of hand sentence embeddings");
            // gamma is 0.805 from the kept item, below 0.9: joined through beta
            Dropped gamma = c.dropped().get(1);
            assertThat(gamma.similarTo()).isEqualTo(20);
            assertThat(gamma.similarity()).isEqualTo(0.95);
            assertThat(gamma.reason())
                    .isEqualTo("same meaning as instruction 20: cosine 0.95 of hand sentence embeddings; its cluster"
                            + " keeps instruction 10 (cosine 0.81)");
        });
    }

    @Test
    void aLowerThresholdJoinsMore() {
        List<Cluster> clusters = SemanticFinder.find(items(), 0.75, new HandEmbedder());

        assertThat(clusters).extracting(c -> c.kept().id()).containsExactly(10L, 40L);
        // at 0.75 gamma (0.805 from alpha) is a direct match
        assertThat(clusters.get(0).dropped())
                .extracting(Dropped::similarTo, Dropped::similarity)
                .containsExactly(tuple(10L, 0.95), tuple(10L, 0.805));
        assertThat(clusters.get(1).dropped()).singleElement().satisfies(d -> {
            assertThat(d.item().id()).isEqualTo(50);
            assertThat(d.similarity()).isEqualTo(0.8);
        });
    }

    @Test
    void theInputsOrderDoesNotChangeTheClusters() {
        List<CurationItem> shuffled = new ArrayList<>(items());
        Collections.shuffle(shuffled, new Random(3));

        assertThat(SemanticFinder.find(shuffled, 0.9, new HandEmbedder()))
                .isEqualTo(SemanticFinder.find(items(), 0.9, new HandEmbedder()));
    }

    @Test
    void fewerThanTwoItemsWithWordsNeedNoModel() {
        HandEmbedder embedder = new HandEmbedder();

        assertThat(SemanticFinder.find(List.of(item(1, "alpha"), item(2, "...")), 0.9, embedder))
                .isEmpty();
        assertThat(embedder.calls).hasValue(0);
    }

    @Test
    void aThresholdOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> SemanticFinder.find(items(), 1.5, new HandEmbedder()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The semantic threshold must be between 0 and 1 (a similarity), not 1.5.");
        assertThatThrownBy(() -> CurationOptions.defaults().withSemanticThreshold(-0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The semantic threshold must be between 0 and 1 (a similarity), not -0.1.");
        assertThatThrownBy(() -> CurationOptions.defaults().withSemanticThreshold(Double.NaN))
                .hasMessage("The semantic threshold must be between 0 and 1 (a similarity), not NaN.");
    }

    @Test
    void theDotProductAddsEveryTerm() {
        // 6 numbers: the four running sums and the 2 left over; 1·6 + 2·5 + 3·4 + 4·3 + 5·2 + 6·1 = 56
        float[] v = {1, 2, 3, 4, 5, 6, 6, 5, 4, 3, 2, 1};
        assertThat(SemanticFinder.dot(v, 0, 6, 6)).isEqualTo(56f);
    }
}
