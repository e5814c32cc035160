package io.arenainstruct.studio.service.curation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.arenainstruct.studio.domain.Hashes;
import io.arenainstruct.studio.domain.curation.KeepDecision;

/** A curator's keep decisions overrule the passes: CurationServiceTest's items with some of their texts kept. */
class CurationKeepsTest {
    private static final Instant AT = Instant.parse("2026-12-07T06:00:00Z");

    @BeforeAll
    static void read() throws Exception {
        DecontaminatorTest.read();
    }

    private static CurationItem item(long id) {
        return CurationServiceTest.items().stream()
                .filter(i -> i.id() == id)
                .findFirst()
                .orElseThrow();
    }

    private static KeepDecision keep(long id, String by) {
        return new KeepDecision(Hashes.sha256(item(id).text()), "instruction " + id, by, AT);
    }

    private static CurationReport curate(KeepDecision... keeps) {
        return CurationService.curate(
                CurationServiceTest.items(),
                List.of(DecontaminatorTest.arenaHard()),
                CurationOptions.defaults(),
                List.of(keeps));
    }

    @Test
    void aKeptExactDuplicateStaysInItsClusterAsKeptBack() {
        CurationReport report = curate(keep(205, "ana"));

        assertThat(report.clusters(ClusterKind.EXACT)).singleElement().satisfies(c -> {
            assertThat(c.kept().id()).isEqualTo(101);
            assertThat(c.dropped()).extracting(d -> d.item().id()).containsExactly(200L);
            assertThat(c.keptBack())
                    .containsExactly(new KeptBack(
                            item(205), "ana", "kept by ana", "same text after normalisation as instruction 101"));
            assertThat(c.size()).isEqualTo(3);
        });
        // the near pass does not find 205 again as a near duplicate of 101
        assertThat(report.clusters(ClusterKind.NEAR))
                .singleElement()
                .satisfies(c -> assertThat(c.kept().id()).isEqualTo(50));
        assertThat(report.kept())
                .extracting(CurationItem::id)
                .contains(101L, 205L)
                .doesNotContain(200L);
        assertThat(report.droppedIds()).doesNotContain(205L).contains(200L);
        assertThat(report.keptBackIds()).containsExactly(205L);
        assertThat(report.summary())
                .isEqualTo("24 items: 7 contaminated, 1 exact duplicates in 1 cluster, 1 near duplicates in 1 cluster;"
                        + " 15 kept (1 kept back by a curator)");
    }

    @Test
    void aKeptNearDuplicateLeavesItsClusterWithTwoKeptItems() {
        CurationReport report = curate(keep(300, "ben"));

        assertThat(report.clusters(ClusterKind.NEAR)).singleElement().satisfies(c -> {
            assertThat(c.kept().id()).isEqualTo(50);
            assertThat(c.dropped()).isEmpty();
            assertThat(c.keptBack())
                    .extracting(KeptBack::item, KeptBack::reason)
                    .containsExactly(tuple(item(300), "kept by ben"));
            assertThat(c.keptBack().get(0).overruled()).startsWith("near duplicate of instruction 50: Jaccard ");
        });
        assertThat(report.kept()).extracting(CurationItem::id).contains(50L, 300L);
    }

    @Test
    void aKeptContaminatedItemIsNotDroppedAndItsCopyInOtherCaseStillIs() {
        CurationReport report = curate(keep(3, "ana"));

        // 8 is item 3's text in lower case: another text, another hash, so the decision does not cover it
        assertThat(report.contaminated()).extracting(c -> c.item().id()).containsExactly(1L, 2L, 4L, 5L, 6L, 8L);
        assertThat(report.keptContaminated()).singleElement().satisfies(k -> {
            assertThat(k.item()).isEqualTo(item(3));
            assertThat(k.reason()).isEqualTo("kept by ana");
            assertThat(k.overruled())
                    .isEqualTo("same text after normalisation as arena-hard-v0.1 prompt " + DecontaminatorTest.uid(4));
        });
        assertThat(report.kept()).extracting(CurationItem::id).startsWith(3L, 7L);
        assertThat(report.droppedIds()).doesNotContain(3L);
    }

    @Test
    void oneDecisionKeepsEveryItemWithThatTextWhateverItsId() {
        // an arena prompt with instruction 205's exact text: one text, one decision
        List<CurationItem> items = new ArrayList<>(CurationServiceTest.items());
        items.add(new CurationItem(
                StoreItems.ARENA_OFFSET + 9, "arena prompt 9", item(205).text()));

        CurationReport report = CurationService.curate(
                items, List.of(), CurationOptions.defaults().withNear(false), List.of(keep(205, "ana")));

        assertThat(report.clusters())
                .filteredOn(c -> c.kept().id() == 101)
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.dropped()).extracting(d -> d.item().id()).containsExactly(200L);
                    assertThat(c.keptBack())
                            .extracting(k -> k.item().id())
                            .containsExactly(205L, StoreItems.ARENA_OFFSET + 9);
                });
    }

    @Test
    void withoutDecisionsTheReportIsTheOldOnes() {
        assertThat(curate()).isEqualTo(CurationServiceTest.curate(CurationServiceTest.items()));
        assertThat(curate().keptContaminated()).isEmpty();
        assertThat(curate().clusters()).allSatisfy(c -> assertThat(c.keptBack()).isEmpty());
    }
}
