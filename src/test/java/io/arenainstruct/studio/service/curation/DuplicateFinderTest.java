package io.arenainstruct.studio.service.curation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class DuplicateFinderTest {
    /** 30 distinct words: 28 shingles, so one word changed in the middle changes 3 of them (25 / 31 = 0.806). */
    static final String BASE = "Write a Python function that reads a CSV file of daily temperatures, computes"
            + " the weekly average for each city, and prints the three warmest weeks with their dates in order";

    static final List<String> UNRELATED = List.of(
            "Explain the difference between TCP and UDP to a first-year networking student.",
            "Compose a haiku about autumn leaves falling on a quiet mountain lake.",
            "Summarise the causes of the French Revolution in five bullet points.",
            "Translate the following sentence into Spanish: the library opens at nine.",
            "Give three tips for keeping a sourdough starter healthy during a hot summer.",
            "Write a SQL query that returns the ten customers with the largest total orders last year.",
            "Describe how photosynthesis converts light into chemical energy in plant cells.",
            "Draft a polite email asking a landlord to repair a leaking kitchen tap this week.",
            "List the planets of the solar system in order of their distance from the sun.",
            "Write a Python function that reads a JSON file and prints every key with its value type.",
            "Explain why the sky looks blue at noon and red at sunset, without equations.",
            "Plan a three-day walking itinerary for a first visit to Lisbon in spring.");

    static int words(String text) {
        return TextNormalizer.words(TextNormalizer.normalize(text)).size();
    }

    static List<CurationItem> corpus() {
        List<CurationItem> items = new ArrayList<>();
        for (int i = 0; i < UNRELATED.size(); i++) {
            items.add(new CurationItem(100 + i, "instruction " + (100 + i), UNRELATED.get(i)));
        }
        // Exact copies of an unrelated one, in other case, spacing and punctuation.
        items.add(new CurationItem(
                7, "instruction 7", "COMPOSE a haiku about autumn leaves falling on a quiet mountain lake"));
        items.add(new CurationItem(
                205, "instruction 205", "  compose a  haiku about\nautumn leaves, falling on a quiet mountain lake!"));
        // A paraphrase: one word changed (weekly becomes monthly); the original has the higher id.
        items.add(new CurationItem(300, "instruction 300", BASE));
        items.add(new CurationItem(12, "instruction 12", BASE.replace("weekly", "monthly")));
        return items;
    }

    @Test
    void exactCopiesFormOneCluster() {
        List<Cluster> clusters = DuplicateFinder.exact(corpus());
        assertThat(clusters).hasSize(1);
        Cluster c = clusters.get(0);
        assertThat(c.kind()).isEqualTo(ClusterKind.EXACT);
        assertThat(c.kept().id()).isEqualTo(7);
        assertThat(c.dropped()).extracting(d -> d.item().id()).containsExactly(101L, 205L);
        assertThat(c.dropped()).allSatisfy(d -> {
            assertThat(d.similarTo()).isEqualTo(7);
            assertThat(d.similarity()).isEqualTo(1.0);
            assertThat(d.reason()).isEqualTo("same text after normalisation as instruction 7");
        });
    }

    @Test
    void paraphraseFormsANearClusterAndUnrelatedOnesDoNot() {
        assertThat(words(BASE)).isEqualTo(30);
        List<Cluster> clusters = DuplicateFinder.near(corpus(), 0.7);
        // The exact copies are near duplicates too (Jaccard 1); the paraphrase pair is the other cluster.
        assertThat(clusters).extracting(c -> c.kept().id()).containsExactly(7L, 12L);
        Cluster para = clusters.get(1);
        assertThat(para.kind()).isEqualTo(ClusterKind.NEAR);
        assertThat(para.dropped()).hasSize(1);
        Dropped d = para.dropped().get(0);
        assertThat(d.item().id()).isEqualTo(300);
        assertThat(d.similarTo()).isEqualTo(12);
        assertThat(d.similarity()).isCloseTo(25.0 / 31, within(1e-12));
        assertThat(d.reason()).isEqualTo("near duplicate of instruction 12: Jaccard 0.81 over 3-word shingles");
    }

    @Test
    void twoChangedWordsFallBelowPointSevenButNotPointSix() {
        // Words 4 and 24 changed, far apart: 6 shingles differ, 22 shared of 34 = 0.647.
        String twice = BASE.replace("function", "routine").replace("warmest", "hottest");
        List<CurationItem> items = List.of(new CurationItem(1, "a", BASE), new CurationItem(2, "b", twice));
        assertThat(DuplicateFinder.near(items, 0.7)).isEmpty();
        List<Cluster> at06 = DuplicateFinder.near(items, 0.6);
        assertThat(at06).hasSize(1);
        assertThat(at06.get(0).dropped().get(0).similarity()).isCloseTo(22.0 / 34, within(1e-12));
    }

    @Test
    void aChainIsOneClusterAndTheFarEndNamesItsNeighbour() {
        String b = BASE.replace("weekly", "monthly"); // word 15
        String c = b.replace("three", "five"); // word 23: 0.806 with b, 0.647 with the base
        List<CurationItem> items = List.of(
                new CurationItem(1, "instruction 1", BASE),
                new CurationItem(2, "instruction 2", b),
                new CurationItem(3, "instruction 3", c));
        List<Cluster> clusters = DuplicateFinder.near(items, 0.7);
        assertThat(clusters).hasSize(1);
        assertThat(clusters.get(0).kept().id()).isEqualTo(1);
        Dropped far = clusters.get(0).dropped().get(1);
        assertThat(far.item().id()).isEqualTo(3);
        assertThat(far.similarTo()).isEqualTo(2);
        assertThat(far.reason())
                .isEqualTo("near duplicate of instruction 2: Jaccard 0.81 over 3-word shingles; its cluster keeps"
                        + " instruction 1 (Jaccard 0.65)");
    }

    @Test
    void sameClustersWhateverTheOrder() {
        List<CurationItem> shuffled = new ArrayList<>(corpus());
        Collections.shuffle(shuffled, new Random(42));
        assertThat(DuplicateFinder.near(shuffled, 0.7)).isEqualTo(DuplicateFinder.near(corpus(), 0.7));
        assertThat(DuplicateFinder.exact(shuffled)).isEqualTo(DuplicateFinder.exact(corpus()));
    }

    @Test
    void thresholdOutsideZeroToOneIsRefused() {
        for (double t : new double[] {-0.1, 1.01, Double.NaN}) {
            assertThatThrownBy(() -> DuplicateFinder.near(corpus(), t))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must be between 0 and 1");
        }
        assertThat(DuplicateFinder.near(corpus(), 1.0))
                .extracting(c -> c.kept().id())
                .containsExactly(7L);
    }

    @Test
    void textsWithoutWordsAreExactDuplicatesOnly() {
        List<CurationItem> items = List.of(
                new CurationItem(1, "instruction 1", "???"),
                new CurationItem(2, "instruction 2", " !!! "),
                new CurationItem(3, "instruction 3", "Compose a haiku."));
        assertThat(DuplicateFinder.exact(items)).singleElement().satisfies(c -> {
            assertThat(c.kept().id()).isEqualTo(1);
            assertThat(c.dropped()).extracting(d -> d.item().id()).containsExactly(2L);
        });
        assertThat(DuplicateFinder.near(items, 0.0)).isEmpty();
    }

    @Test
    void anIdGivenTwiceIsRefused() {
        List<CurationItem> items = List.of(new CurationItem(1, "a", "x"), new CurationItem(1, "b", "y"));
        assertThatThrownBy(() -> DuplicateFinder.exact(items)).hasMessage("Item id 1 appears twice.");
    }
}
