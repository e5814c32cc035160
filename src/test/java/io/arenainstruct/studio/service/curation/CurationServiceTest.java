package io.arenainstruct.studio.service.curation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class CurationServiceTest {
    @BeforeAll
    static void read() throws Exception {
        DecontaminatorTest.read();
    }

    /** Decontamination's items, an extra copy of a planted prompt (8), exact copies (200, 205), a paraphrase. */
    static List<CurationItem> items() {
        List<CurationItem> items = new ArrayList<>(DecontaminatorTest.items());
        items.add(new CurationItem(
                8, "instruction 8", DecontaminatorTest.prompt(4).toLowerCase()));
        items.add(new CurationItem(
                200, "instruction 200", "COMPOSE a haiku about autumn leaves falling on a quiet mountain lake"));
        items.add(new CurationItem(
                205, "instruction 205", "compose a haiku about autumn leaves falling on a quiet mountain lake!"));
        items.add(new CurationItem(300, "instruction 300", DuplicateFinderTest.BASE));
        items.add(new CurationItem(50, "instruction 50", DuplicateFinderTest.BASE.replace("weekly", "monthly")));
        return items;
    }

    static CurationReport curate(List<CurationItem> items) {
        return CurationService.curate(items, List.of(DecontaminatorTest.arenaHard()), CurationOptions.defaults());
    }

    @Test
    void contaminationFirstThenExactThenNear() {
        CurationReport report = curate(items());
        assertThat(report.checked()).isEqualTo(24);
        // The copy of a planted prompt is contaminated, not clustered.
        assertThat(report.contaminated()).extracting(c -> c.item().id()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 8L);
        assertThat(report.clusters(ClusterKind.EXACT)).singleElement().satisfies(c -> {
            assertThat(c.kept().id()).isEqualTo(101);
            assertThat(c.dropped()).extracting(d -> d.item().id()).containsExactly(200L, 205L);
        });
        assertThat(report.clusters(ClusterKind.NEAR)).singleElement().satisfies(c -> {
            assertThat(c.kept().id()).isEqualTo(50);
            assertThat(c.dropped()).extracting(d -> d.item().id()).containsExactly(300L);
        });
        assertThat(report.kept())
                .extracting(CurationItem::id)
                .containsExactly(7L, 100L, 101L, 102L, 103L, 104L, 105L, 106L, 107L, 108L, 109L, 110L, 111L, 50L);
        assertThat(report.droppedIds()).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L, 8L, 200L, 205L, 300L);
        assertThat(report.nearBands()).isEqualTo(new LshBands(21, 6));
        assertThat(report.summary())
                .isEqualTo("24 items: 7 contaminated, 2 exact duplicates in 1 cluster, 1 near duplicates in 1 cluster;"
                        + " 14 kept");
    }

    @Test
    void withoutNearOrReferencesOnlyExactDuplicatesGo() {
        CurationReport report = CurationService.curate(
                items(), List.of(), CurationOptions.defaults().withNear(false));
        assertThat(report.contaminated()).isEmpty();
        assertThat(report.nearBands()).isNull();
        // 3 and 8 are one prompt in two cases; 200, 205 copies of 101.
        assertThat(report.clusters()).extracting(c -> c.kept().id()).containsExactly(3L, 101L);
        assertThat(report.clusters()).allMatch(c -> c.kind() == ClusterKind.EXACT);
    }

    @Test
    void sameInputSameReportAndOrderDoesNotChangeTheClusters() {
        assertThat(curate(items())).isEqualTo(curate(items()));
        List<CurationItem> shuffled = new ArrayList<>(items());
        Collections.shuffle(shuffled, new Random(7));
        CurationReport a = curate(items());
        CurationReport b = curate(shuffled);
        assertThat(b.clusters()).isEqualTo(a.clusters());
        assertThat(b.contaminated()).containsExactlyInAnyOrderElementsOf(a.contaminated());
        assertThat(b.kept()).containsExactlyInAnyOrderElementsOf(a.kept());
    }

    @Test
    void theReportWritesAsJson() throws Exception {
        JsonNode json = new ObjectMapper().valueToTree(curate(items()));
        assertThat(json.get("clusters").get(0).get("kind").asText()).isEqualTo("EXACT");
        assertThat(json.get("clusters")
                        .get(0)
                        .get("dropped")
                        .get(0)
                        .get("reason")
                        .asText())
                .isEqualTo("same text after normalisation as instruction 101");
        assertThat(json.get("contaminated").get(0).get("referenceSet").asText()).isEqualTo("arena-hard-v0.1");
    }

    @Test
    void anIdGivenTwiceIsRefusedBeforeAnyWork() {
        List<CurationItem> twice = List.of(new CurationItem(1, "a", "x"), new CurationItem(1, "b", "y"));
        assertThatThrownBy(() -> curate(twice)).hasMessage("Item id 1 appears twice.");
    }
}
