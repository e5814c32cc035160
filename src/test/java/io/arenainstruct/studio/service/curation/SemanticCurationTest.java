package io.arenainstruct.studio.service.curation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

/**
 * The semantic pass in a curation, with the real in-process model: paraphrases planted by hand that share no word
 * 3-gram (so the near pass cannot see them) are found; other instructions, one of them on the same subject, stay.
 */
class SemanticCurationTest {
    private static CurationItem item(long id, String text) {
        return new CurationItem(id, "instruction " + id, text);
    }

    /** 1–7 distinct tasks (7 is 1's subject in another language and object); 10, 11, 12 paraphrase 1, 3 and 2. */
    static List<CurationItem> items() {
        return List.of(
                item(1, "How do I reverse a list in Python?"),
                item(2, "Write a short poem about the sea at night."),
                item(3, "What is the capital of France?"),
                item(4, "Give me a recipe for banana bread."),
                item(5, "Explain how vaccines train the immune system."),
                item(6, "Describe the water cycle for a ten year old."),
                item(7, "How do I reverse a string in Java?"),
                item(10, "What is the way to invert the order of a Python list?"),
                item(11, "Which city is France's capital?"),
                item(12, "Compose a brief night-time verse about the ocean."),
                item(13, "what is the capital of france")); // an exact copy of 3: gone before the semantic pass
    }

    @Test
    void plantedParaphrasesAreSemanticClustersAndTheRestIsKept() {
        CurationOptions options = CurationOptions.defaults().withSemantic(true).withSemanticThreshold(0.7);

        CurationReport report = CurationService.curate(items(), List.of(), options);

        assertThat(report.clusters(ClusterKind.EXACT))
                .extracting(c -> c.kept().id())
                .containsExactly(3L);
        assertThat(report.clusters(ClusterKind.NEAR)).isEmpty();
        List<Cluster> semantic = report.clusters(ClusterKind.SEMANTIC);
        assertThat(semantic).extracting(c -> c.kept().id()).containsExactly(1L, 2L, 3L);
        assertThat(semantic)
                .extracting(c -> c.dropped().stream().map(d -> d.item().id()).toList())
                .containsExactly(List.of(10L), List.of(12L), List.of(11L));
        assertThat(semantic)
                .allSatisfy(c -> assertThat(c.dropped()).singleElement().satisfies(d -> {
                    assertThat(d.similarTo()).isEqualTo(c.kept().id());
                    assertThat(d.similarity()).isBetween(0.7, 1.0);
                    assertThat(d.reason())
                            .isEqualTo(String.format(
                                    Locale.ROOT,
                                    "same meaning as instruction %d: cosine %.2f of all-MiniLM-L6-v2 sentence"
                                            + " embeddings",
                                    c.kept().id(),
                                    d.similarity()));
                }));
        assertThat(report.kept()).extracting(CurationItem::id).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(report.summary())
                .isEqualTo("11 items: 0 contaminated, 1 exact duplicates in 1 cluster, 0 near duplicates in 0"
                        + " clusters, 3 semantic duplicates in 3 clusters; 7 kept");
    }

    @Test
    void theDefaultThresholdDropsOnlyWhatSaysTheSameThing() {
        CurationReport report = CurationService.curate(
                items(), List.of(), CurationOptions.defaults().withSemantic(true));

        assertThat(report.options().semanticThreshold()).isEqualTo(0.9);
        // "Which city is France's capital?" says what 3 says; the looser paraphrases of 1 and 2 stay at 0.9.
        assertThat(report.clusters(ClusterKind.SEMANTIC)).singleElement().satisfies(c -> {
            assertThat(c.kept().id()).isEqualTo(3L);
            assertThat(c.dropped()).extracting(d -> d.item().id()).containsExactly(11L);
        });
    }

    @Test
    void withoutTheSwitchNoModelIsAskedForAndTheSummarySaysNothingOfIt() {
        CurationReport report = CurationService.curate(items(), List.of(), CurationOptions.defaults(), () -> {
            throw new AssertionError("the model was asked for");
        });

        assertThat(report.options().semantic()).isFalse();
        assertThat(report.clusters(ClusterKind.SEMANTIC)).isEmpty();
        assertThat(report.summary())
                .isEqualTo("11 items: 0 contaminated, 1 exact duplicates in 1 cluster, 0 near duplicates in 0"
                        + " clusters; 10 kept");
    }
}
