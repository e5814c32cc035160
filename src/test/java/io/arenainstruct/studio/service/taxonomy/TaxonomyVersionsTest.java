package io.arenainstruct.studio.service.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.Taxonomy;
import io.arenainstruct.studio.domain.TaxonomyNode;
import io.arenainstruct.studio.service.taxonomy.VersionDiff.WeightChange;
import io.arenainstruct.studio.store.Store;
import io.arenainstruct.studio.store.TaxonomyRepository;

/** Versions of a taxonomy (decision 0021), on a three-category tree: Alpha 2.5, Beta 1.0, Gamma 3.0. */
class TaxonomyVersionsTest {
    private static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");

    @TempDir
    Path tmp;

    private Store store;
    private TaxonomyService service;

    @BeforeEach
    void open() {
        store = Store.open(tmp.resolve("store"));
        service = new TaxonomyService(new TaxonomyRepository(store), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static Taxonomy sample() {
        TaxonomyNode root = new TaxonomyNode("Coding", "Writing code", 1.0, true);
        TaxonomyNode a = new TaxonomyNode("Alpha", "first", 2.5, true);
        a.children().add(new TaxonomyNode("Alpha one", "", 1.0, true));
        root.children().add(a);
        root.children().add(new TaxonomyNode("Beta", "", 1.0, true));
        root.children().add(new TaxonomyNode("Gamma", "", 3.0, true));
        return new Taxonomy("coding", root);
    }

    private static TaxonomyNode category(Taxonomy t, String name) {
        return t.categories().stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aChangingSaveIsTheNextVersionAndAnUnchangedOneIsNone() {
        Taxonomy t = sample();
        assertThat(service.save(t, "taxonomy import coding.yaml")).isEqualTo(OptionalInt.of(1));
        assertThat(service.save(t.deepCopy(), "edited in the Taxonomy area")).isEmpty();

        category(t, "Alpha").setWeight(4.0);
        category(t, "Gamma").setWeight(1.5);
        assertThat(service.save(t, "edited in the Taxonomy area: change weight"))
                .isEqualTo(OptionalInt.of(2));

        List<VersionDiff> versions = service.versions("coding");
        assertThat(versions).hasSize(2);
        VersionDiff first = versions.get(0);
        assertThat(first.version().number()).isEqualTo(1);
        assertThat(first.version().madeBy()).isEqualTo("taxonomy import coding.yaml");
        assertThat(first.version().madeAt()).isEqualTo(NOW);
        assertThat(first.summary()).isEqualTo("first version (3 categories)");
        VersionDiff second = versions.get(1);
        assertThat(second.version().madeBy()).isEqualTo("edited in the Taxonomy area: change weight");
        assertThat(second.weights())
                .containsExactly(new WeightChange("Alpha", 2.5, 4.0), new WeightChange("Gamma", 3.0, 1.5));
        assertThat(second.onlyWeights()).isTrue();
        assertThat(second.summary()).isEqualTo("Alpha 2.5 → 4.0; Gamma 3.0 → 1.5");
        assertThat(List.of(first.brief(), second.brief())).containsExactly("first version", "2 weights");
        assertThat(second.version().taxonomy().sameAs(t)).isTrue();
    }

    @Test
    void aRestoreIsANewVersionAndNothingIsLost() {
        Taxonomy t = sample();
        service.save(t, "taxonomy import coding.yaml");
        category(t, "Alpha").setWeight(4.0);
        service.save(t, "loop: accepted weight:coding/Alpha in iteration 2");
        t.categories().remove(category(t, "Beta"));
        category(t, "Gamma").setDescription("now described");
        service.save(t, "edited in the Taxonomy area: delete Beta");

        TaxonomyService.Restored r = service.restore("coding", 1, null);

        assertThat(r.added()).isEqualTo(OptionalInt.of(4));
        assertThat(service.find("coding").orElseThrow().sameAs(sample())).isTrue();
        List<VersionDiff> versions = service.versions("coding");
        assertThat(versions).extracting(v -> v.version().number()).containsExactly(1, 2, 3, 4);
        VersionDiff third = versions.get(2);
        assertThat(third.removed()).containsExactly("Beta");
        assertThat(third.other()).as("Gamma's description").isTrue();
        VersionDiff fourth = versions.get(3);
        assertThat(fourth.version().madeBy()).isEqualTo("restored version 1");
        assertThat(fourth.brief()).isEqualTo("1 weight, 1 added, other changes");
        assertThat(fourth.summary())
                .isEqualTo("Alpha 4.0 → 2.5; added Beta; other changes (names, descriptions, switches, subcategories"
                        + " or order)");

        // the content is version 1's already: no version
        assertThat(service.restore("coding", 1, "again").added()).isEmpty();
        assertThat(service.versions("coding")).hasSize(4);
        assertThatThrownBy(() -> service.restore("coding", 9, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The taxonomy of coding has no version 9; its versions are 1 to 4.");
        assertThatThrownBy(() -> service.restore("nothing", 1, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The skill nothing has no taxonomy versions; see the skills with: taxonomy list");
    }

    @Test
    void theRootsWeightIsNotAChange() {
        Taxonomy t = sample();
        service.save(t, "first");
        t.root().setWeight(7.0); // not stored: a skill has no weight of its own
        assertThat(service.save(t, "second")).isEmpty();
    }
}
