package io.arenainstruct.studio.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.Taxonomy;
import io.arenainstruct.studio.domain.TaxonomyNode;

class TaxonomyRepositoryTest {
    @TempDir
    Path tmp;

    static Taxonomy sample(String skillId) {
        TaxonomyNode root = new TaxonomyNode("Skill " + skillId, "What it teaches: \"quotes\", colons: yes", 1.0, true);
        TaxonomyNode a = new TaxonomyNode("Alpha", "first", 2.5, true);
        a.children().add(new TaxonomyNode("Alpha one", "", 0.0, false));
        a.children().add(new TaxonomyNode("Alpha two", "日本語 — ünïcode", 0.125, true));
        TaxonomyNode b = new TaxonomyNode("Beta", "no children", 1.0, false);
        TaxonomyNode c = new TaxonomyNode("Gamma", "", 3.0, true);
        c.children().add(new TaxonomyNode("Gamma one", "line1\nline2", 1.0, true));
        root.children().addAll(List.of(a, b, c));
        return new Taxonomy(skillId, root);
    }

    @Test
    void saveCloseReopenLoadsTheSameTree() {
        Path dir = tmp.resolve("ws");
        Taxonomy t = sample("reading-comprehension");
        Taxonomy empty = new Taxonomy("empty-skill", new TaxonomyNode("Empty", "", 1.0, true));
        try (Store store = TestStores.open(dir)) {
            TaxonomyRepository repo = new TaxonomyRepository(store);
            repo.save(t);
            repo.save(empty);
        }
        try (Store store = TestStores.open(dir)) {
            TaxonomyRepository repo = new TaxonomyRepository(store);
            Taxonomy loaded = repo.load("reading-comprehension").orElseThrow();
            assertThat(loaded.sameAs(t)).as("loaded tree equals saved tree").isTrue();
            assertThat(loaded.categories()).extracting(TaxonomyNode::name).containsExactly("Alpha", "Beta", "Gamma");
            assertThat(repo.load("empty-skill").orElseThrow().sameAs(empty)).isTrue();
            assertThat(repo.loadAll())
                    .extracting(Taxonomy::skillId)
                    .containsExactly("empty-skill", "reading-comprehension");
            assertThat(repo.load("missing")).isEmpty();
            assertThat(repo.exists("missing")).isFalse();
        }
    }

    @Test
    void saveReplacesTheWholeTreeAndDeleteRemovesIt() {
        try (Store store = TestStores.open(tmp.resolve("ws"))) {
            TaxonomyRepository repo = new TaxonomyRepository(store);
            Taxonomy t = sample("coding");
            repo.save(t);
            Taxonomy changed = t.deepCopy();
            changed.root().setName("Coding, renamed");
            changed.categories().remove(0);
            changed.categories().get(0).children().add(TaxonomyNode.of("Beta child"));
            repo.save(changed);
            Taxonomy loaded = repo.load("coding").orElseThrow();
            assertThat(loaded.sameAs(changed)).isTrue();
            assertThat(loaded.sameAs(t)).isFalse();
            assertThat(loaded.root().size()).isEqualTo(changed.root().size());

            assertThat(repo.delete("coding")).isTrue();
            assertThat(repo.delete("coding")).isFalse();
            assertThat(repo.load("coding")).isEmpty();
            Integer orphans = store.read(c -> {
                try (var st = c.createStatement();
                        var rs = st.executeQuery("SELECT COUNT(*) FROM taxonomy_node")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(orphans).isZero();
        }
    }
}
