package io.arenainstruct.studio.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arenainstruct.studio.domain.NewSeed;
import io.arenainstruct.studio.domain.Seed;
import io.arenainstruct.studio.domain.SeedFilter;
import io.arenainstruct.studio.domain.SeedKind;
import io.arenainstruct.studio.domain.SeedSnapshot;

class SeedRepositoryTest {
    @TempDir
    Path tmp;

    private Store store;
    private SeedRepository seeds;

    @BeforeEach
    void open() {
        store = TestStores.open(tmp.resolve("ws"));
        seeds = new SeedRepository(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static NewSeed seed(String name, String content, String... tags) {
        return NewSeed.of(name, "/src/" + name, SeedKind.TEXT, "", List.of(tags), content);
    }

    private List<String> names(SeedFilter filter) {
        return seeds.list(filter).stream().map(Seed::name).toList();
    }

    @Test
    void insertNewStoresSeedsWithAllTheirFields() {
        NewSeed code = NewSeed.of(
                "limiter.java",
                "/src/limiter.java",
                SeedKind.CODE,
                "java",
                List.of("code", "sample"),
                "class Limiter { /* é日本 */ }");
        SeedRepository.InsertOutcome outcome = seeds.insertNew(List.of(code));
        assertThat(outcome.inserted()).isEqualTo(1);
        assertThat(outcome.duplicates()).isEmpty();
        Seed s = seeds.list(SeedFilter.ALL).get(0);
        assertThat(s.name()).isEqualTo("limiter.java");
        assertThat(s.source()).isEqualTo("/src/limiter.java");
        assertThat(s.kind()).isEqualTo(SeedKind.CODE);
        assertThat(s.language()).isEqualTo("java");
        assertThat(s.tags()).containsExactlyInAnyOrder("code", "sample");
        assertThat(s.chars()).isEqualTo("class Limiter { /* é日本 */ }".length());
        assertThat(s.sha256()).isEqualTo(StoreTest.sha256Hex("class Limiter { /* é日本 */ }"));
        assertThat(s.importedAt()).isNotNull();
        assertThat(seeds.content(s.id())).contains("class Limiter { /* é日本 */ }");
        assertThat(seeds.find(s.id())).contains(s);
        assertThat(seeds.find(s.id() + 1000)).isEmpty();
        assertThat(seeds.content(s.id() + 1000)).isEmpty();
    }

    @Test
    void insertNewSkipsDuplicatesWithinTheBatchAndAgainstTheStore() {
        SeedRepository.InsertOutcome first =
                seeds.insertNew(List.of(seed("a.txt", "alpha"), seed("b.txt", "beta"), seed("a-copy.txt", "alpha")));
        assertThat(first.inserted()).isEqualTo(2);
        assertThat(first.duplicates()).extracting(NewSeed::name).containsExactly("a-copy.txt");

        SeedRepository.InsertOutcome second = seeds.insertNew(
                List.of(seed("beta-again.txt", "beta"), seed("c.txt", "gamma"), seed("c2.txt", "gamma")));
        assertThat(second.inserted()).isEqualTo(1);
        assertThat(second.duplicates()).extracting(NewSeed::name).containsExactlyInAnyOrder("beta-again.txt", "c2.txt");

        assertThat(seeds.count()).isEqualTo(3);
        assertThat(names(SeedFilter.ALL)).containsExactlyInAnyOrder("a.txt", "b.txt", "c.txt");
        // text differing only in case or white space is a different seed
        assertThat(seeds.insertNew(List.of(seed("A.txt", "Alpha"), seed("a-space.txt", "alpha ")))
                        .inserted())
                .isEqualTo(2);
        assertThat(seeds.insertNew(List.of()).inserted()).isZero();
    }

    @Test
    void listFiltersByAllWordsInNameOrTextIgnoringCase() {
        seeds.insertNew(List.of(
                seed("Harbor Viaduct.md", "The city tore down the elevated highway."),
                seed("beavers.md", "Beavers build dams that change rivers and the HIGHWAY of water."),
                seed("browning.md", "The Maillard reaction browns bread."),
                seed("notes.txt", "Minutes of the garden committee.")));

        assertThat(names(SeedFilter.ALL)).hasSize(4);
        assertThat(names(new SeedFilter("  ", ""))).hasSize(4);
        assertThat(names(new SeedFilter("highway", ""))).containsExactlyInAnyOrder("Harbor Viaduct.md", "beavers.md");
        assertThat(names(new SeedFilter("HIGHWAY city", ""))).containsExactly("Harbor Viaduct.md");
        // one word in the name, the other in the text
        assertThat(names(new SeedFilter("viaduct elevated", ""))).containsExactly("Harbor Viaduct.md");
        assertThat(names(new SeedFilter("  maillard    BREAD ", ""))).containsExactly("browning.md");
        assertThat(names(new SeedFilter("highway maillard", ""))).isEmpty();
        assertThat(names(new SeedFilter("nothing-like-this", ""))).isEmpty();
    }

    @Test
    void percentUnderscoreAndBackslashInTheSearchAreLiteral() {
        seeds.insertNew(List.of(
                seed("discount.txt", "Save 50% today"),
                seed("fifty.txt", "Save 50 dollars today"),
                seed("snake.py", "def read_file(): pass"),
                seed("plain.py", "def readXfile(): pass"),
                seed("win.txt", "C:\\temp\\x"),
                seed("unix.txt", "C:/temp/x")));
        assertThat(names(new SeedFilter("50%", ""))).containsExactly("discount.txt");
        assertThat(names(new SeedFilter("%", ""))).containsExactly("discount.txt");
        assertThat(names(new SeedFilter("read_file", ""))).containsExactly("snake.py");
        assertThat(names(new SeedFilter("_", ""))).containsExactly("snake.py");
        assertThat(names(new SeedFilter("c:\\temp", ""))).containsExactly("win.txt");
    }

    @Test
    void listFiltersByTagAndCombinesWithText() {
        seeds.insertNew(List.of(
                seed("a", "apple pie", "food", "sample"),
                seed("b", "apple tree", "plants"),
                seed("c", "cherry pie", "food")));
        assertThat(names(new SeedFilter("", "food"))).containsExactlyInAnyOrder("a", "c");
        assertThat(names(new SeedFilter("apple", "food"))).containsExactly("a");
        assertThat(names(new SeedFilter("", "missing"))).isEmpty();
        assertThat(seeds.allTags()).containsExactly("food", "plants", "sample");
        Seed a = seeds.list(new SeedFilter("", "sample")).get(0);
        assertThat(a.tags()).containsExactlyInAnyOrder("food", "sample");
    }

    @Test
    void setTagsReplacesTheTagsOfTheGivenSeedsOnly() {
        seeds.insertNew(List.of(seed("a", "one", "old"), seed("b", "two", "old", "keep"), seed("c", "three", "other")));
        Map<String, Long> ids = new HashMap<>();
        seeds.list(SeedFilter.ALL).forEach(s -> ids.put(s.name(), s.id()));

        seeds.setTags(Map.of(ids.get("a"), List.of("new", "fresh"), ids.get("b"), List.of()));

        assertThat(seeds.find(ids.get("a")).orElseThrow().tags()).containsExactlyInAnyOrder("new", "fresh");
        assertThat(seeds.find(ids.get("b")).orElseThrow().tags()).isEmpty();
        assertThat(seeds.find(ids.get("c")).orElseThrow().tags()).containsExactly("other");
        assertThat(names(new SeedFilter("", "old"))).isEmpty();
        assertThat(names(new SeedFilter("", "new"))).containsExactly("a");
        assertThat(seeds.allTags()).containsExactly("fresh", "new", "other");
    }

    @Test
    void deleteReturnsSnapshotsAndRestorePutsThemBackIdentically() {
        seeds.insertNew(List.of(
                seed("a", "first text", "x", "y"),
                seed("b", "second text é"),
                NewSeed.of("c.go", "/src/c.go", SeedKind.CODE, "go", List.of("code"), "package main")));
        List<Seed> before = seeds.list(SeedFilter.ALL);
        Seed b = before.stream().filter(s -> s.name().equals("b")).findFirst().orElseThrow();
        Seed c =
                before.stream().filter(s -> s.name().equals("c.go")).findFirst().orElseThrow();
        Seed a = before.stream().filter(s -> s.name().equals("a")).findFirst().orElseThrow();

        List<SeedSnapshot> deleted = seeds.delete(List.of(a.id(), c.id(), 999_999L));

        assertThat(deleted).extracting(SeedSnapshot::seed).containsExactlyInAnyOrder(a, c);
        assertThat(deleted)
                .filteredOn(s -> s.seed().id() == a.id())
                .singleElement()
                .extracting(SeedSnapshot::content)
                .isEqualTo("first text");
        assertThat(seeds.count()).isEqualTo(1);
        assertThat(seeds.find(a.id())).isEmpty();
        assertThat(seeds.allTags()).doesNotContain("x", "y", "code");

        seeds.restore(deleted);

        List<Seed> after = seeds.list(SeedFilter.ALL);
        assertThat(after).containsExactlyInAnyOrderElementsOf(before);
        Seed restoredA = seeds.find(a.id()).orElseThrow();
        assertThat(restoredA).isEqualTo(a); // same id, tags, sha, chars and import time
        assertThat(restoredA.importedAt()).isEqualTo(a.importedAt());
        assertThat(seeds.content(a.id())).contains("first text");
        assertThat(seeds.content(c.id())).contains("package main");
        assertThat(seeds.find(b.id())).contains(b);

        // a restored seed still dedups, and new seeds get fresh ids that do not collide with restored ones
        assertThat(seeds.insertNew(List.of(seed("again", "first text"))).inserted())
                .isZero();
        seeds.insertNew(List.of(seed("d", "fourth")));
        assertThat(seeds.list(SeedFilter.ALL))
                .extracting(Seed::id)
                .doesNotHaveDuplicates()
                .hasSize(4);
    }

    @Test
    void deletingTheNewestSeedAndRestoringItDoesNotBreakLaterInserts() {
        seeds.insertNew(List.of(seed("a", "one"), seed("b", "two")));
        Seed newest = seeds.list(SeedFilter.ALL).stream()
                .max(Comparator.comparingLong(Seed::id))
                .orElseThrow();
        List<SeedSnapshot> snap = seeds.delete(List.of(newest.id()));
        seeds.restore(snap);
        seeds.insertNew(List.of(seed("c", "three")));
        assertThat(seeds.count()).isEqualTo(3);
        assertThat(seeds.list(SeedFilter.ALL)).extracting(Seed::id).doesNotHaveDuplicates();
    }

    @Test
    void unusedSeedsAreThoseNoRunMadeAPassageFrom() {
        seeds.insertNew(List.of(seed("a.txt", "alpha"), seed("b.txt", "beta"), seed("c.txt", "gamma")));
        Map<String, Long> ids = new HashMap<>();
        seeds.list(SeedFilter.ALL).forEach(s -> ids.put(s.name(), s.id()));
        // a run made a passage from a; its transformation of b failed (nothing was made from b); c is untouched
        store.write(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("INSERT INTO run (id, status, config, frozen, created_at, updated_at) VALUES (1,"
                        + " 'completed', '{}', '{}', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
                st.execute("INSERT INTO run_passage (run_id, skill, seed_id, agent_id, prompt_version, text, failed)"
                        + " VALUES (1, 's', " + ids.get("a.txt") + ", 't', 1, 'p', FALSE), (1, 's', "
                        + ids.get("b.txt") + ", 't', 1, NULL, TRUE)");
            }
            return null;
        });

        assertThat(seeds.listUnused()).extracting(Seed::name).containsExactly("b.txt", "c.txt");
    }

    @Test
    void unusedSeedsAreFoundAmongManyAndManyPassages() {
        // 4,000 seeds, a run made passages from the first 2,000
        store.write(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("INSERT INTO seed (id, name, source, kind, language, chars, sha256, imported_at)"
                        + " SELECT X, 's' || X, 'src', 'TEXT', '', 1, LPAD(CAST(X AS VARCHAR), 64, '0'),"
                        + " CURRENT_TIMESTAMP FROM " + TestStores.series(store, 4000));
                st.execute("INSERT INTO run (id, status, config, frozen, created_at, updated_at) VALUES (1,"
                        + " 'completed', '{}', '{}', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
                st.execute("INSERT INTO run_passage (run_id, skill, seed_id, agent_id, prompt_version, text, failed)"
                        + " SELECT 1, 's', X, 't', 1, 'p', FALSE FROM " + TestStores.series(store, 2000));
            }
            return null;
        });

        // the right 2,000 among many (its speed with 40,000 seeds, 30 s walked per seed and 0.2 s read once, was
        // measured by hand; a unit test does not time it)
        List<Seed> unused = seeds.listUnused();

        assertThat(unused).hasSize(2000);
        assertThat(unused.get(0).id()).isEqualTo(2001);
    }
}
